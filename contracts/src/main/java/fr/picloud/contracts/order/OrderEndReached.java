package fr.picloud.contracts.order;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A completed order reached its end date: the platform decommissions it by itself (a
 * {@link DecommissionRequested} goes to provisioning in the same transaction).
 */
@MessageType(type = "picloud.order.end-reached", version = 1, topic = Topics.ORDERS)
public record OrderEndReached(UUID orderId, String tenant, Instant endsAt) implements OrderEvent {

    public OrderEndReached {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(endsAt, "endsAt");
    }
}
