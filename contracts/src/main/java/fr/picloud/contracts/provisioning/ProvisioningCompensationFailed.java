package fr.picloud.contracts.provisioning;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Ops alert: after a failure, some resources could not be deleted even after retries. They are listed
 * here and on the saga ({@code /api/v1/sagas/{sagaId}}) until an operator retries the compensation.
 */
@MessageType(type = "picloud.provisioning.compensation-failed", version = 1, topic = Topics.PROVISIONING_OUTCOMES)
public record ProvisioningCompensationFailed(
        UUID orderId, UUID sagaId, String reason, List<ProvisionedResource> remaining) implements ProvisioningOutcome {

    public ProvisioningCompensationFailed {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(reason, "reason");
        remaining = List.copyOf(Objects.requireNonNullElse(remaining, List.of()));
    }
}
