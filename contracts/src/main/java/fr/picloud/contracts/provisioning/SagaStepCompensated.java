package fr.picloud.contracts.provisioning;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.Objects;
import java.util.UUID;

/** A completed step's resource was deleted (or was found already gone). */
@MessageType(type = "picloud.provisioning.saga-step-compensated", version = 1, topic = Topics.PROVISIONING_SAGAS)
public record SagaStepCompensated(UUID sagaId, UUID orderId, String step) implements SagaEvent {

    public SagaStepCompensated {
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(step, "step");
    }
}
