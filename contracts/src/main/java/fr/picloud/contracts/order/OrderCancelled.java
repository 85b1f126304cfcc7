package fr.picloud.contracts.order;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.Objects;
import java.util.UUID;

/** An order was withdrawn before provisioning started; its reservation is released. */
@MessageType(type = "picloud.order.cancelled", version = 1, topic = Topics.ORDERS)
public record OrderCancelled(UUID orderId, String tenant, String cancelledBy, String reason) implements OrderEvent {

    public OrderCancelled {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(cancelledBy, "cancelledBy");
    }
}
