package fr.picloud.contracts.provisioning;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import fr.picloud.contracts.order.OperationType;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A day-2 operation did not take effect and what it had begun was undone (a resize reverted, a
 * half-made snapshot deleted): the resource is as it was before.
 *
 * @param reason for the agent, with the saga's reference for the operators
 * @param undone false when the undo itself failed and an operator must look (the saga is escalated)
 */
@MessageType(type = "picloud.provisioning.operation-failed", version = 1, topic = Topics.PROVISIONING_OUTCOMES)
public record OperationFailed(
        UUID operationId,
        UUID orderId,
        String tenant,
        OperationType type,
        String reason,
        boolean undone,
        Instant failedAt)
        implements ProvisioningOutcome {

    public OperationFailed {
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reason, "reason");
    }
}
