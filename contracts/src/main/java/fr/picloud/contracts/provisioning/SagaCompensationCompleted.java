package fr.picloud.contracts.provisioning;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.Objects;
import java.util.UUID;

/** Every step the saga had completed is undone. */
@MessageType(type = "picloud.provisioning.saga-compensation-completed", version = 1, topic = Topics.PROVISIONING_SAGAS)
public record SagaCompensationCompleted(UUID sagaId, UUID orderId) implements SagaEvent {

    public SagaCompensationCompleted {
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(orderId, "orderId");
    }
}
