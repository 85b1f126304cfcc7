package fr.picloud.contracts.provisioning;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import fr.picloud.contracts.order.OperationType;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A day-2 operation took effect at {@code completedAt}: billing meters the resource as it now is
 * from then on.
 *
 * @param resource the resource as it now is (the resized server, the extended volume, the new
 *     snapshot, the stopped or started server); null when it was removed
 * @param removed the resource the operation deleted (DELETE_SNAPSHOT), else null
 * @param running STOP, START, REBOOT: whether the server now runs, else null
 */
@MessageType(type = "picloud.provisioning.operation-completed", version = 1, topic = Topics.PROVISIONING_OUTCOMES)
public record OperationCompleted(
        UUID operationId,
        UUID orderId,
        String tenant,
        OperationType type,
        ProvisionedResource resource,
        ProvisionedResource removed,
        Boolean running,
        Instant completedAt)
        implements ProvisioningOutcome {

    public OperationCompleted {
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(completedAt, "completedAt");
    }
}
