package fr.picloud.contracts.order;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.Objects;
import java.util.UUID;

/** An approver refused an order; its reservation is released. */
@MessageType(type = "picloud.order.rejected", version = 1, topic = Topics.ORDERS)
public record OrderRejected(UUID orderId, String tenant, String rejectedBy, String reason) implements OrderEvent {

    public OrderRejected {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(rejectedBy, "rejectedBy");
    }
}
