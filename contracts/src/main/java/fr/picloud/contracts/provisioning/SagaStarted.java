package fr.picloud.contracts.provisioning;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A saga began: its kind (PROVISION or DECOMMISSION) and the steps it will run. */
@MessageType(type = "picloud.provisioning.saga-started", version = 1, topic = Topics.PROVISIONING_SAGAS)
public record SagaStarted(UUID sagaId, UUID orderId, String tenant, String kind, List<String> steps)
        implements SagaEvent {

    public SagaStarted {
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(kind, "kind");
        steps = List.copyOf(Objects.requireNonNullElse(steps, List.of()));
    }
}
