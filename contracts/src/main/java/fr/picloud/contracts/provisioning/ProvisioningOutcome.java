package fr.picloud.contracts.provisioning;

import fr.picloud.contracts.Event;
import java.util.UUID;

/** What became of a provisioning, decommission or day-2 operation request, keyed by the order id. */
public sealed interface ProvisioningOutcome extends Event
        permits ProvisioningCompleted,
                ProvisioningFailed,
                ProvisioningCompensated,
                ProvisioningCompensationFailed,
                DecommissionCompleted,
                OperationCompleted,
                OperationFailed {

    UUID orderId();

    @Override
    default String aggregateId() {
        return orderId().toString();
    }
}
