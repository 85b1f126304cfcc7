package fr.picloud.provisioning.saga.application;

import fr.picloud.contracts.Event;
import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.contracts.order.OperationType;
import fr.picloud.contracts.provisioning.OperationCompleted;
import fr.picloud.contracts.provisioning.OperationFailed;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.platform.messaging.EventPublisher;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.OperationPlanner;
import fr.picloud.provisioning.saga.domain.Saga;
import fr.picloud.provisioning.saga.domain.SagaStep;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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

    /** An event of an order no saga of which was started (a refused command). */
    @Transactional(propagation = Propagation.MANDATORY)
    void publishFor(String tenant, UUID orderId, Event event) {
        publisher.publish(event, tenant, orderId.toString());
    }

    /** The inventory entry of a step's resource, with what billing meters; none for the project. */
    static Optional<ProvisionedResource> inventoryOf(SagaStep step) {
        CloudResource resource = step.resource();
        if (resource == null || ResourceKind.PROJECT.wireName().equals(step.kind())) {
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

    /**
     * A completed operation: the resource as it now is, under the name the order knows it by (the
     * resized server, the extended volume, the stopped server, the new snapshot), or the removed snapshot.
     */
    static OperationCompleted operationCompleted(Saga saga, Instant now) {
        SagaStep step = operationStep(saga);
        OperationType type = OperationType.valueOf(saga.operation());
        Map<String, Object> plan = step.plan().properties();
        CloudResource resource = step.resource();
        String targetName = String.valueOf(plan.get(OperationPlanner.TARGET_NAME));
        String targetId = String.valueOf(plan.get(OperationPlanner.TARGET_ID));
        ProvisionedResource current = switch (type) {
            case RESIZE, STOP, START, REBOOT ->
                new ProvisionedResource(
                        targetName,
                        ResourceKind.SERVER.wireName(),
                        targetId,
                        attribute(resource, "flavor"),
                        integer(attribute(resource, "vcpus")),
                        integer(attribute(resource, "ramGb")),
                        null,
                        null,
                        now);
            case EXTEND_VOLUME ->
                new ProvisionedResource(
                        targetName,
                        ResourceKind.VOLUME.wireName(),
                        targetId,
                        null,
                        null,
                        null,
                        integer(attribute(resource, "sizeGb")),
                        null,
                        now);
            case SNAPSHOT, DELETE_SNAPSHOT ->
                new ProvisionedResource(
                        step.name(),
                        ResourceKind.VOLUME_SNAPSHOT.wireName(),
                        resource == null ? targetId : resource.id(),
                        null,
                        null,
                        null,
                        integer(attribute(resource, "sizeGb")),
                        null,
                        type == OperationType.SNAPSHOT ? step.finishedAt() : null);
            case SET_EXPIRY -> throw new IllegalStateException("SET_EXPIRY never runs as a saga");
        };
        Boolean running = switch (type) {
            case STOP -> false;
            case START, REBOOT -> true;
            default -> null;
        };
        return new OperationCompleted(
                saga.id(),
                saga.orderId(),
                saga.tenant(),
                type,
                type == OperationType.DELETE_SNAPSHOT ? null : current,
                type == OperationType.DELETE_SNAPSHOT ? current : null,
                running,
                now);
    }

    static OperationFailed operationFailed(Saga saga, String reason, boolean undone, Instant now) {
        return new OperationFailed(
                saga.id(), saga.orderId(), saga.tenant(), OperationType.valueOf(saga.operation()), reason, undone, now);
    }

    private static SagaStep operationStep(Saga saga) {
        return saga.steps().stream()
                .filter(step -> step.plan().properties().containsKey(OperationPlanner.OPERATION))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("saga " + saga.id() + " carries out no operation"));
    }

    private static String attribute(CloudResource resource, String name) {
        return resource == null ? null : resource.attribute(name);
    }

    private static Integer integer(String value) {
        return value == null ? null : Integer.valueOf(value);
    }
}
