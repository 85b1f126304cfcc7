package fr.picloud.contracts.provisioning;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.Objects;
import java.util.UUID;

/** After a failure, everything built for the order was deleted again: nothing of it remains. */
@MessageType(type = "picloud.provisioning.compensated", version = 1, topic = Topics.PROVISIONING_OUTCOMES)
public record ProvisioningCompensated(UUID orderId, String reason) implements ProvisioningOutcome {

    public ProvisioningCompensated {
        Objects.requireNonNull(orderId, "orderId");
    }
}
