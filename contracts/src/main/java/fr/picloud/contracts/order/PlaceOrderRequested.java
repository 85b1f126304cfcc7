package fr.picloud.contracts.order;

import fr.picloud.contracts.Command;
import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Another service asks order-service to place an order on behalf of a tenant's agent, under an order
 * id the asking service chose and stored first: asking twice places one order. The order then goes
 * through the same validation, quota and approval policy as one placed in the portal; if it cannot be
 * placed, {@link OrderRequestRefused} follows.
 *
 * @param requester the subject the order is placed for (who asked, in the asking service)
 * @param costCenter the tenant's cost centre to charge, or {@code null} for the tenant's first one
 * @param labels where the request comes from, e.g. {@code waveId} and {@code applicationId} of a
 *     migration; informative only
 */
@MessageType(type = "picloud.migration.order-requested", version = 1, topic = Topics.ORDER_REQUESTS)
public record PlaceOrderRequested(
        UUID orderId,
        String tenant,
        String requester,
        UUID offeringId,
        String costCenter,
        Map<String, Object> parameters,
        String justification,
        Map<String, String> labels)
        implements Command {

    public PlaceOrderRequested {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(offeringId, "offeringId");
        // a parameter may be JSON null (an optional one left empty), which Map.copyOf refuses
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNullElse(parameters, Map.of())));
        labels = Map.copyOf(Objects.requireNonNullElse(labels, Map.of()));
    }

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
