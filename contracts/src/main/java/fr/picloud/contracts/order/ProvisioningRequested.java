package fr.picloud.contracts.order;

import fr.picloud.contracts.Command;
import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import fr.picloud.contracts.offering.ResourceTemplate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * order-service asks provisioning to build an approved order. The order id is the request id:
 * provisioning uses it to recognise a repeated request and to find what an interrupted attempt made.
 *
 * @param resources the offering's resource template with the order's parameters bound
 */
@MessageType(type = "picloud.order.provisioning-requested", version = 1, topic = Topics.PROVISIONING_COMMANDS)
public record ProvisioningRequested(
        UUID orderId,
        String tenant,
        UUID offeringId,
        String offeringCode,
        Map<String, Object> parameters,
        ResourceTemplate resources)
        implements Command {

    public ProvisioningRequested {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(offeringId, "offeringId");
        Objects.requireNonNull(resources, "resources");
        // a parameter may be JSON null (an optional one left empty), which Map.copyOf refuses
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNullElse(parameters, Map.of())));
    }

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
