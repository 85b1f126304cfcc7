package fr.picloud.provisioning.saga.application;

import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.contracts.order.DecommissionRequested;
import fr.picloud.contracts.order.OperationRequested;
import fr.picloud.contracts.order.OperationType;
import fr.picloud.contracts.order.ProvisioningRequested;
import fr.picloud.contracts.provisioning.DecommissionCompleted;
import fr.picloud.contracts.provisioning.OperationFailed;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.contracts.provisioning.ProvisioningCompensated;
import fr.picloud.contracts.provisioning.ProvisioningFailed;
import fr.picloud.contracts.provisioning.SagaStarted;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.InvalidTemplateException;
import fr.picloud.provisioning.saga.domain.OperationPlanner;
import fr.picloud.provisioning.saga.domain.ProjectQuota;
import fr.picloud.provisioning.saga.domain.Saga;
import fr.picloud.provisioning.saga.domain.SagaKind;
import fr.picloud.provisioning.saga.domain.SagaPlanner;
import fr.picloud.provisioning.saga.domain.SagaStatus;
import fr.picloud.provisioning.saga.domain.SagaStep;
import fr.picloud.provisioning.saga.domain.StepPlan;
import fr.picloud.provisioning.saga.domain.StepStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns order-service's commands into sagas, in the consumer's transaction: the saga, its first
 * scheduled run and the inbox record commit together. A repeated command finds its saga and does
 * nothing.
 */
@Service
public class SagaStarter {

    private static final Logger log = LoggerFactory.getLogger(SagaStarter.class);

    private final SagaRepository sagas;
    private final SagaScheduling scheduling;
    private final SagaEvents events;
    private final Clock clock;
    private final SagaSettings settings;

    public SagaStarter(
            SagaRepository sagas, SagaScheduling scheduling, SagaEvents events, Clock clock, SagaSettings settings) {
        this.sagas = sagas;
        this.scheduling = scheduling;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<UUID> provision(ProvisioningRequested request) {
        if (sagas.findByOrder(request.orderId(), SagaKind.PROVISION).isPresent()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        ProjectQuota quota = request.projectQuota() == null
                ? null
                : new ProjectQuota(
                        request.projectQuota().vcpus(),
                        request.projectQuota().ramGb(),
                        request.projectQuota().volumeGb(),
                        request.projectQuota().instances(),
                        request.projectQuota().floatingIps());
        UUID sagaId = UUID.randomUUID();
        List<StepPlan> plan;
        try {
            plan = SagaPlanner.plan(request.resources());
        } catch (InvalidTemplateException e) {
            // nothing was built: the saga is over as soon as it starts
            Saga refused = Saga.provision(
                            sagaId,
                            request.orderId(),
                            request.tenant(),
                            request.offeringId(),
                            quota,
                            List.of(),
                            now,
                            now)
                    .compensate(null, "invalid resource template: " + e.getMessage(), now)
                    .finish(SagaStatus.COMPENSATED, now);
            sagas.insert(refused);
            events.publish(refused, new ProvisioningFailed(request.orderId(), null, refused.reason()));
            events.publish(refused, new ProvisioningCompensated(request.orderId(), refused.reason()));
            log.warn("order {}: {}", request.orderId(), refused.reason());
            return Optional.of(sagaId);
        }
        Saga saga = Saga.provision(
                sagaId,
                request.orderId(),
                request.tenant(),
                request.offeringId(),
                quota,
                plan,
                now,
                now.plus(settings.deadline()));
        if (!sagas.insert(saga)) {
            return Optional.empty();
        }
        events.publish(
                saga,
                new SagaStarted(
                        sagaId,
                        saga.orderId(),
                        saga.tenant(),
                        SagaKind.PROVISION.name(),
                        plan.stream().map(StepPlan::name).toList()));
        scheduling.scheduleNew(sagaId);
        return Optional.of(sagaId);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<UUID> decommission(DecommissionRequested request) {
        if (sagas.findByOrder(request.orderId(), SagaKind.DECOMMISSION).isPresent()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Saga> provisioned = sagas.findByOrder(request.orderId(), SagaKind.PROVISION)
                .filter(saga -> saga.status() == SagaStatus.COMPLETED);
        if (provisioned.isEmpty()) {
            // nothing of this order was built here (or it was compensated): nothing to delete
            Saga nothing = Saga.provision(
                    UUID.randomUUID(), request.orderId(), request.tenant(), null, null, List.of(), now, now);
            Saga done = Saga.decommission(nothing.id(), nothing, now, now).finish(SagaStatus.COMPLETED, now);
            sagas.insert(done);
            events.publish(done, new DecommissionCompleted(request.orderId(), request.tenant(), List.of(), now));
            log.warn("order {}: decommission requested but no completed provisioning is known here", request.orderId());
            return Optional.of(done.id());
        }
        Saga saga = Saga.decommission(UUID.randomUUID(), provisioned.get(), now, now.plus(settings.deadline()))
                .alsoDeleting(snapshotsOf(request.orderId()), now);
        if (!sagas.insert(saga)) {
            return Optional.empty();
        }
        events.publish(
                saga,
                new SagaStarted(
                        saga.id(),
                        saga.orderId(),
                        saga.tenant(),
                        SagaKind.DECOMMISSION.name(),
                        saga.steps().stream().map(step -> step.name()).toList()));
        scheduling.scheduleNew(saga.id());
        return Optional.of(saga.id());
    }

    /**
     * Starts the saga of an approved day-2 operation, under the operation's id (a repeated command
     * finds it). Without a completed provisioning of the order here there is nothing to act on: the
     * operation fails at once and nothing is sent to the cloud.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<UUID> operate(OperationRequested request) {
        if (sagas.find(request.operationId()).isPresent()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Saga> provisioned = sagas.findByOrder(request.orderId(), SagaKind.PROVISION)
                .filter(saga -> saga.status() == SagaStatus.COMPLETED);
        boolean decommissioned =
                sagas.findByOrder(request.orderId(), SagaKind.DECOMMISSION).isPresent();
        if (provisioned.isEmpty() || decommissioned) {
            String reason = decommissioned
                    ? "the order is decommissioned: nothing to act on"
                    : "no completed provisioning of this order is known here: nothing to act on";
            events.publishFor(
                    request.tenant(),
                    request.orderId(),
                    new OperationFailed(
                            request.operationId(),
                            request.orderId(),
                            request.tenant(),
                            request.type(),
                            reason,
                            true,
                            now));
            log.warn("order {}: operation {} refused: {}", request.orderId(), request.operationId(), reason);
            return Optional.empty();
        }
        ProvisionedResource target = request.target();
        StepPlan step = OperationPlanner.step(new OperationPlanner.Request(
                request.operationId(),
                request.type(),
                target.name(),
                target.openstackId(),
                target.flavor(),
                target.sizeGb(),
                request.flavor(),
                request.vcpus(),
                request.ramGb(),
                request.sizeGb()));
        CloudResource toDelete = request.type() == OperationType.DELETE_SNAPSHOT
                ? new CloudResource(
                        ResourceKind.VOLUME_SNAPSHOT.wireName(),
                        target.openstackId(),
                        target.sizeGb() == null
                                ? Map.of()
                                : Map.of("sizeGb", target.sizeGb().toString()))
                : null;
        Saga saga = Saga.operation(
                request.operationId(), provisioned.get(), step, toDelete, now, now.plus(settings.deadline()));
        if (!sagas.insert(saga)) {
            return Optional.empty();
        }
        events.publish(
                saga,
                new SagaStarted(
                        saga.id(),
                        saga.orderId(),
                        saga.tenant(),
                        SagaKind.OPERATION.name(),
                        // the steps it runs: the order's steps it starts from (its project) are done already
                        // and report nothing, so a follower would wait for them forever
                        saga.steps().stream()
                                .filter(each -> each.status() != StepStatus.DONE)
                                .map(SagaStep::name)
                                .toList()));
        scheduling.scheduleNew(saga.id());
        return Optional.of(saga.id());
    }

    /** The snapshots day-2 operations made for the order and none deleted since. */
    private List<SagaStep> snapshotsOf(UUID orderId) {
        List<Saga> operations = sagas.findAllByOrder(orderId, SagaKind.OPERATION);
        Set<String> deleted = new HashSet<>();
        List<SagaStep> made = new ArrayList<>();
        for (Saga operation : operations) {
            for (SagaStep step : operation.steps()) {
                if (!ResourceKind.VOLUME_SNAPSHOT.wireName().equals(step.kind()) || step.resource() == null) {
                    continue;
                }
                if (OperationType.DELETE_SNAPSHOT.name().equals(operation.operation())) {
                    if (step.status() == StepStatus.UNDONE) {
                        deleted.add(step.resource().id());
                    }
                } else if (step.status() == StepStatus.DONE) {
                    made.add(step);
                }
            }
        }
        return made.stream()
                .filter(step -> !deleted.contains(step.resource().id()))
                .toList();
    }
}
