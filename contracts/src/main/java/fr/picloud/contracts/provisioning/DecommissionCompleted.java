package fr.picloud.contracts.provisioning;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.Objects;
import java.util.UUID;

/** Every resource of a decommissioned order is deleted. */
@MessageType(type = "picloud.provisioning.decommission-completed", version = 1, topic = Topics.PROVISIONING_OUTCOMES)
public record DecommissionCompleted(UUID orderId) implements ProvisioningOutcome {

    public DecommissionCompleted {
        Objects.requireNonNull(orderId, "orderId");
    }
}
