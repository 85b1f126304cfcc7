package fr.picloud.contracts.provisioning;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Every resource of a decommissioned order is deleted.
 *
 * @param resources what was removed; their usage ends at {@code completedAt}
 */
@MessageType(type = "picloud.provisioning.decommission-completed", version = 1, topic = Topics.PROVISIONING_OUTCOMES)
public record DecommissionCompleted(
        UUID orderId, String tenant, List<ProvisionedResource> resources, Instant completedAt)
        implements ProvisioningOutcome {

    public DecommissionCompleted {
        Objects.requireNonNull(orderId, "orderId");
        resources = List.copyOf(Objects.requireNonNullElse(resources, List.of()));
    }

    public DecommissionCompleted(UUID orderId) {
        this(orderId, null, List.of(), null);
    }
}
