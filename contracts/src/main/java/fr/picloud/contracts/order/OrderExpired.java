package fr.picloud.contracts.order;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Nobody decided on an order before its approval deadline; it is closed and its reservation released. */
@MessageType(type = "picloud.order.expired", version = 1, topic = Topics.ORDERS)
public record OrderExpired(UUID orderId, String tenant, Instant deadline) implements OrderEvent {

    public OrderExpired {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(deadline, "deadline");
    }
}
