package fr.picloud.contracts.provisioning;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.Objects;
import java.util.UUID;

/** A step failed; willRetry says whether it is tried again or the saga compensates. */
@MessageType(type = "picloud.provisioning.saga-step-failed", version = 1, topic = Topics.PROVISIONING_SAGAS)
public record SagaStepFailed(UUID sagaId, UUID orderId, String step, String reason, boolean willRetry)
        implements SagaEvent {

    public SagaStepFailed {
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(reason, "reason");
    }
}
