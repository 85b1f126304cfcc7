package fr.picloud.contracts.order;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An agent ordered an offering; its resources are reserved against the tenant's quota.
 *
 * @param status PENDING_APPROVAL, or APPROVED when the tenant's policy approved it at once
 * @param placedBy the service that placed it on the requester's behalf ({@code migration-service}); null
 *     when the requester placed it
 * @param endsAt when the platform decommissions the order by itself; null when it has no end date
 */
@MessageType(type = "picloud.order.placed", version = 1, topic = Topics.ORDERS)
public record OrderPlaced(
        UUID orderId,
        String tenant,
        String requester,
        UUID offeringId,
        String offeringCode,
        String costCenter,
        Map<String, Object> parameters,
        OrderQuote quote,
        String status,
        String placedBy,
        Instant endsAt)
        implements OrderEvent {

    /** An order without an end date. */
    public OrderPlaced(
            UUID orderId,
            String tenant,
            String requester,
            UUID offeringId,
            String offeringCode,
            String costCenter,
            Map<String, Object> parameters,
            OrderQuote quote,
            String status,
            String placedBy) {
        this(
                orderId,
                tenant,
                requester,
                offeringId,
                offeringCode,
                costCenter,
                parameters,
                quote,
                status,
                placedBy,
                null);
    }

    /** An order placed by its requester in person (no {@code placedBy}). */
    public OrderPlaced(
            UUID orderId,
            String tenant,
            String requester,
            UUID offeringId,
            String offeringCode,
            String costCenter,
            Map<String, Object> parameters,
            OrderQuote quote,
            String status) {
        this(orderId, tenant, requester, offeringId, offeringCode, costCenter, parameters, quote, status, null);
    }

    public OrderPlaced {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(offeringId, "offeringId");
        Objects.requireNonNull(quote, "quote");
        // a parameter may be JSON null (an optional one left empty), which Map.copyOf refuses
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNullElse(parameters, Map.of())));
    }
}
