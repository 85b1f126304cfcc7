package fr.picloud.contracts.provisioning;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Every resource of an order exists and is ready. */
@MessageType(type = "picloud.provisioning.completed", version = 1, topic = Topics.PROVISIONING_OUTCOMES)
public record ProvisioningCompleted(UUID orderId, List<ProvisionedResource> resources) implements ProvisioningOutcome {

    public ProvisioningCompleted {
        Objects.requireNonNull(orderId, "orderId");
        resources = List.copyOf(Objects.requireNonNullElse(resources, List.of()));
    }
}
