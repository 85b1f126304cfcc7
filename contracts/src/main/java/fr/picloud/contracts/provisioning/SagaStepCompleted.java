package fr.picloud.contracts.provisioning;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.Objects;
import java.util.UUID;

/** A step's resource exists and is ready. */
@MessageType(type = "picloud.provisioning.saga-step-completed", version = 1, topic = Topics.PROVISIONING_SAGAS)
public record SagaStepCompleted(UUID sagaId, UUID orderId, String step, ProvisionedResource resource, long durationMs)
        implements SagaEvent {

    public SagaStepCompleted {
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(step, "step");
    }
}
