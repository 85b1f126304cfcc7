package fr.picloud.contracts.order;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An order waited for approval past its escalation deadline: someone should look at it now. */
@MessageType(type = "picloud.order.approval-escalated", version = 1, topic = Topics.ORDERS)
public record OrderApprovalEscalated(UUID orderId, String tenant, Instant pendingSince, Instant expiresAt)
        implements OrderEvent {

    public OrderApprovalEscalated {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(pendingSince, "pendingSince");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
