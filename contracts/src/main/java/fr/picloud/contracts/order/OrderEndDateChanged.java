package fr.picloud.contracts.order;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A completed order's end date was set, brought forward or extended (a SET_EXPIRY operation).
 *
 * @param previousEndsAt the end date it replaced; null when the order had none
 */
@MessageType(type = "picloud.order.end-date-changed", version = 1, topic = Topics.ORDERS)
public record OrderEndDateChanged(UUID orderId, String tenant, String changedBy, Instant endsAt, Instant previousEndsAt)
        implements OrderEvent {

    public OrderEndDateChanged {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(changedBy, "changedBy");
        Objects.requireNonNull(endsAt, "endsAt");
    }
}
