package fr.picloud.contracts.provisioning;

import fr.picloud.contracts.Event;
import java.util.UUID;

/**
 * The progress of a provisioning or decommission saga, step by step, keyed by the order id: what the
 * ops view and the portal's order timeline show. Outcomes ({@link ProvisioningOutcome}) say how it
 * ended; these say how it got there.
 */
public sealed interface SagaEvent extends Event
        permits SagaStarted,
                SagaStepStarted,
                SagaStepCompleted,
                SagaStepFailed,
                SagaCompensationStarted,
                SagaStepCompensated,
                SagaCompensationCompleted {

    UUID sagaId();

    UUID orderId();

    @Override
    default String aggregateId() {
        return orderId().toString();
    }
}
