package fr.picloud.contracts.order;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An order passed its tenant's approval policy; provisioning is requested next.
 *
 * @param approvers who approved it, empty when the policy approved it automatically
 */
@MessageType(type = "picloud.order.approved", version = 1, topic = Topics.ORDERS)
public record OrderApproved(UUID orderId, String tenant, List<String> approvers, boolean automatic)
        implements OrderEvent {

    public OrderApproved {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(tenant, "tenant");
        approvers = List.copyOf(Objects.requireNonNullElse(approvers, List.of()));
    }
}
