package fr.picloud.contracts.provisioning;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Every resource of an order exists and is ready: the inventory billing meters from.
 *
 * @param sagaId the provisioning saga that built it (operator API: {@code /api/v1/sagas/{sagaId}})
 */
@MessageType(type = "picloud.provisioning.completed", version = 1, topic = Topics.PROVISIONING_OUTCOMES)
public record ProvisioningCompleted(
        UUID orderId,
        List<ProvisionedResource> resources,
        String tenant,
        UUID offeringId,
        UUID sagaId,
        Instant completedAt)
        implements ProvisioningOutcome {

    public ProvisioningCompleted {
        Objects.requireNonNull(orderId, "orderId");
        resources = List.copyOf(Objects.requireNonNullElse(resources, List.of()));
    }

    public ProvisioningCompleted(UUID orderId, List<ProvisionedResource> resources) {
        this(orderId, resources, null, null, null, null);
    }
}
