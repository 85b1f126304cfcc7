package fr.picloud.provisioning.saga.application;

import fr.picloud.contracts.Event;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.platform.messaging.EventPublisher;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.Saga;
import fr.picloud.provisioning.saga.domain.SagaStep;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Publishes a saga's events through the outbox, correlated by the order id. */
@Component
class SagaEvents {

    private final EventPublisher publisher;

    SagaEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void publish(Saga saga, Event event) {
        publisher.publish(event, saga.tenant(), saga.orderId().toString());
    }

    /** The inventory entry of a step's resource, with what billing meters; none for the project. */
    static Optional<ProvisionedResource> inventoryOf(SagaStep step) {
        CloudResource resource = step.resource();
        if (resource == null || step.kind().equals("project")) {
            return Optional.empty();
        }
        return Optional.of(new ProvisionedResource(
                step.name(),
                step.kind(),
                resource.id(),
                resource.attribute("flavor"),
                integer(resource.attribute("vcpus")),
                integer(resource.attribute("ramGb")),
                integer(resource.attribute("sizeGb")),
                resource.attribute("address"),
                step.finishedAt()));
    }

    private static Integer integer(String value) {
        return value == null ? null : Integer.valueOf(value);
    }
}
