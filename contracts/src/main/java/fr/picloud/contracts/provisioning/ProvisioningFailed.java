package fr.picloud.contracts.provisioning;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.Objects;
import java.util.UUID;

/**
 * A step of an order's provisioning failed for good; compensation of what was built has started.
 * Until {@link ProvisioningCompensated} follows, the resources may still exist.
 */
@MessageType(type = "picloud.provisioning.failed", version = 1, topic = Topics.PROVISIONING_OUTCOMES)
public record ProvisioningFailed(UUID orderId, String failedStep, String reason) implements ProvisioningOutcome {

    public ProvisioningFailed {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(reason, "reason");
    }
}
