package fr.picloud.contracts.provisioning;

import fr.picloud.contracts.Event;
import java.util.UUID;

/** What became of a provisioning or decommission request, keyed by the order id. */
public sealed interface ProvisioningOutcome extends Event
        permits ProvisioningCompleted,
                ProvisioningFailed,
                ProvisioningCompensated,
                ProvisioningCompensationFailed,
                DecommissionCompleted {

    UUID orderId();

    @Override
    default String aggregateId() {
        return orderId().toString();
    }
}
