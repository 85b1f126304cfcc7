package fr.picloud.contracts.provisioning;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.Objects;
import java.util.UUID;

/** A step's action was sent to OpenStack (attempt counts from 1). */
@MessageType(type = "picloud.provisioning.saga-step-started", version = 1, topic = Topics.PROVISIONING_SAGAS)
public record SagaStepStarted(UUID sagaId, UUID orderId, String step, int attempt) implements SagaEvent {

    public SagaStepStarted {
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(step, "step");
    }
}
