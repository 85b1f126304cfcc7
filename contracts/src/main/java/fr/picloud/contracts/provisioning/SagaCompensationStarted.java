package fr.picloud.contracts.provisioning;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The saga undoes what it built, in reverse order: the steps listed. */
@MessageType(type = "picloud.provisioning.saga-compensation-started", version = 1, topic = Topics.PROVISIONING_SAGAS)
public record SagaCompensationStarted(UUID sagaId, UUID orderId, String reason, List<String> steps)
        implements SagaEvent {

    public SagaCompensationStarted {
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(orderId, "orderId");
        steps = List.copyOf(Objects.requireNonNullElse(steps, List.of()));
    }
}
