package fr.picloud.provisioning.saga.application;

import fr.picloud.contracts.Event;
import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.contracts.order.OperationType;
import fr.picloud.contracts.provisioning.DecommissionCompleted;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.contracts.provisioning.ProvisioningCompensated;
import fr.picloud.contracts.provisioning.ProvisioningCompensationFailed;
import fr.picloud.contracts.provisioning.ProvisioningCompleted;
import fr.picloud.contracts.provisioning.ProvisioningFailed;
import fr.picloud.contracts.provisioning.SagaCompensationCompleted;
import fr.picloud.contracts.provisioning.SagaCompensationStarted;
import fr.picloud.contracts.provisioning.SagaStepCompensated;
import fr.picloud.contracts.provisioning.SagaStepCompleted;
import fr.picloud.contracts.provisioning.SagaStepFailed;
import fr.picloud.contracts.provisioning.SagaStepStarted;
import fr.picloud.provisioning.saga.application.SagaRepository.OperatorAction;
import fr.picloud.provisioning.saga.domain.Cloud;
import fr.picloud.provisioning.saga.domain.CloudException;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.FailureNotice;
import fr.picloud.provisioning.saga.domain.Readiness;
import fr.picloud.provisioning.saga.domain.ResourceSpec;
import fr.picloud.provisioning.saga.domain.Saga;
import fr.picloud.provisioning.saga.domain.SagaKind;
import fr.picloud.provisioning.saga.domain.SagaStatus;
import fr.picloud.provisioning.saga.domain.SagaStep;
import fr.picloud.provisioning.saga.domain.StepStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drives one saga as far as it can go now, then says when to look again: a saga waiting for a server
 * to build holds no thread, only a row and a scheduled time. The scheduler runs one saga on one
 * instance at a time and runs it again elsewhere if that instance dies, so every transition is
 * written (with its events, in one transaction) before the next call to the cloud is made.
 *
 * <p>What each step does and how it is undone, side by side, and how a step in doubt is adopted rather
 * than built twice: {@link fr.picloud.provisioning.saga.domain.StepCatalogue}.
 */
@Service
public class SagaEngine implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SagaEngine.class);
    private static final int MAX_ROUNDS = 200;

    private final SagaRepository sagas;
    private final Cloud cloud;
    private final SagaEvents events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final SagaSettings settings;
    private final SagaMetrics metrics;
    private final ExecutorService steps = Executors.newVirtualThreadPerTaskExecutor();

    public SagaEngine(
            SagaRepository sagas,
            Cloud cloud,
            SagaEvents events,
            TransactionTemplate tx,
            Clock clock,
            SagaSettings settings,
            SagaMetrics metrics) {
        this.sagas = sagas;
        this.cloud = cloud;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** What one step's run came to: the step as it now is, and when it wants to run again. */
    private record StepRun(SagaStep step, boolean progressed, Instant wakeAt) {}

    /**
     * Runs the saga until it waits or ends.
     *
     * @return when to run it again, or empty when it is over
     */
    public Optional<Instant> advance(UUID sagaId) {
        Saga saga = sagas.find(sagaId).orElse(null);
        if (saga == null) {
            return Optional.empty();
        }
        saga = applyRequestedAction(saga);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Instant now = clock.instant();
            if (saga.status().isFinal()) {
                return Optional.empty();
            }
            if (saga.status() == SagaStatus.RUNNING) {
                if (saga.deadline() != null && now.isAfter(saga.deadline())) {
                    saga = startCompensation(
                            saga, null, "the saga did not finish before its deadline " + saga.deadline());
                    continue;
                }
                if (saga.allDone()) {
                    complete(saga);
                    return Optional.empty();
                }
                Saga current = saga;
                List<StepRun> runs = inParallel(saga.runnableSteps(), step -> act(current, step));
                for (StepRun run : runs) {
                    saga = saga.with(run.step());
                }
                Optional<SagaStep> failed = runs.stream()
                        .map(StepRun::step)
                        .filter(step -> step.status() == StepStatus.FAILED)
                        .findFirst();
                if (failed.isPresent()) {
                    saga = startCompensation(
                            saga,
                            failed.get().name(),
                            failed.get().name() + ": " + failed.get().lastError());
                    continue;
                }
                if (runs.isEmpty() || runs.stream().anyMatch(StepRun::progressed)) {
                    continue;
                }
                return Optional.of(earliest(runs));
            } else {
                if (saga.deadline() != null && now.isAfter(saga.deadline())) {
                    saga = giveUpUndoing(saga, now);
                }
                List<SagaStep> undoable = saga.undoableSteps();
                if (saga.compensationOver() || undoable.isEmpty()) {
                    finishCompensation(saga);
                    return Optional.empty();
                }
                Saga current = saga;
                List<StepRun> runs = inParallel(undoable, step -> undo(current, step));
                for (StepRun run : runs) {
                    saga = saga.with(run.step());
                }
                if (runs.stream().anyMatch(StepRun::progressed)) {
                    continue;
                }
                return Optional.of(earliest(runs));
            }
        }
        return Optional.of(clock.instant());
    }

    private Saga applyRequestedAction(Saga saga) {
        Optional<OperatorAction> requested = tx.execute(status -> sagas.takeRequestedAction(saga.id()));
        if (requested == null || requested.isEmpty()) {
            return saga;
        }
        Instant now = clock.instant();
        return switch (requested.get()) {
            case RETRY -> {
                if (saga.status() == SagaStatus.COMPLETED || saga.status() == SagaStatus.COMPENSATED) {
                    yield saga;
                }
                Saga retried = saga.retry(now, now.plus(settings.deadline()));
                tx.executeWithoutResult(status -> {
                    sagas.updateHeader(retried);
                    retried.steps().forEach(step -> sagas.updateStep(retried.id(), step));
                });
                log.info("saga {} retried by an operator, now {}", saga.id(), retried.status());
                yield retried;
            }
            case COMPENSATE ->
                saga.status() == SagaStatus.RUNNING
                        ? startCompensation(saga, null, "compensation forced by an operator")
                        : saga;
        };
    }

    private StepRun act(Saga saga, SagaStep initial) {
        SagaStep step = initial;
        Instant now = clock.instant();
        try {
            if (step.status() == StepStatus.PENDING) {
                step = step.creating(now);
                save(saga, step, new SagaStepStarted(saga.id(), saga.orderId(), step.name(), step.attempts() + 1));
            }
            if (step.status() == StepStatus.CREATING) {
                if (ResourceKind.PROJECT.wireName().equals(step.kind())) {
                    String projectId = cloud.ensureProject(saga.tenant(), saga.quota());
                    return ready(saga, step, new CloudResource("project", projectId, Map.of()));
                }
                ResourceSpec spec = specOf(saga, step);
                String projectId = saga.projectId();
                CloudResource made = cloud.find(projectId, spec).orElseGet(() -> cloud.create(projectId, spec));
                step = step.created(made);
                save(saga, step, null);
            }
            Readiness readiness = cloud.readiness(saga.projectId(), step.resource());
            return switch (readiness) {
                case Readiness.Ready ready -> ready(saga, step, ready.resource());
                // the time limit is checked against the cloud's answer, never instead of asking it: a step
                // whose resource became ready while this service was down (kill -9, a long restart) is
                // adopted, not failed for time the service spent away
                case Readiness.Pending pending -> {
                    Duration limit = settings.timeLimitOf(step.kind());
                    boolean tooLong = step.startedAt() != null
                            && now.isAfter(step.startedAt().plus(limit));
                    yield tooLong
                            ? fail(saga, step, "not ready within " + limit + " (step time limit)")
                            : new StepRun(step, false, now.plus(pollDelay(step, now)));
                }
                case Readiness.Failed failure -> fail(saga, step, failure.reason());
            };
        } catch (CloudException e) {
            return retryOrFail(saga, step, e.getMessage(), e.retryable());
        } catch (RuntimeException e) {
            log.warn("saga {} step {}: unexpected failure", saga.id(), step.name(), e);
            return retryOrFail(saga, step, "unexpected: " + e, true);
        }
    }

    private StepRun ready(Saga saga, SagaStep step, CloudResource resource) {
        Instant now = clock.instant();
        SagaStep done = step.done(resource, now);
        long durationMs = done.startedAt() == null
                ? 0
                : Duration.between(done.startedAt(), now).toMillis();
        save(
                saga,
                done,
                new SagaStepCompleted(
                        saga.id(),
                        saga.orderId(),
                        done.name(),
                        SagaEvents.inventoryOf(done).orElse(null),
                        durationMs));
        metrics.stepCompleted(done.kind(), Duration.ofMillis(durationMs));
        return new StepRun(done, true, now);
    }

    private StepRun fail(Saga saga, SagaStep step, String reason) {
        SagaStep failed = step.failed(reason, clock.instant());
        save(saga, failed, new SagaStepFailed(saga.id(), saga.orderId(), failed.name(), reason, false));
        metrics.stepFailed(failed.kind());
        return new StepRun(failed, true, clock.instant());
    }

    private StepRun retryOrFail(Saga saga, SagaStep step, String reason, boolean retryable) {
        if (!retryable || step.attempts() + 1 >= settings.maxAttempts()) {
            return fail(saga, step, reason);
        }
        SagaStep retrying = step.retrying(reason);
        save(saga, retrying, new SagaStepFailed(saga.id(), saga.orderId(), retrying.name(), reason, true));
        return new StepRun(retrying, false, clock.instant().plus(backoff(retrying.attempts())));
    }

    private StepRun undo(Saga saga, SagaStep step) {
        Instant now = clock.instant();
        try {
            if (ResourceKind.PROJECT.wireName().equals(step.kind())) {
                return undone(saga, step);
            }
            CloudResource resource = step.resource();
            if (resource == null) {
                resource = cloud.find(saga.projectId(), specOf(saga, step)).orElse(null);
                if (resource == null) {
                    return undone(saga, step);
                }
                step = step.created(resource).undoing();
                save(saga, step, null);
            }
            if (cloud.delete(saga.projectId(), resource)) {
                return undone(saga, step);
            }
            return new StepRun(step, false, now.plus(settings.pollMin()));
        } catch (CloudException e) {
            if (projectGone(saga)) {
                return goneWithProject(saga, step, e.getMessage());
            }
            return retryOrGiveUpUndo(saga, step, e.getMessage(), e.retryable());
        } catch (RuntimeException e) {
            log.warn("saga {} undoing {}: unexpected failure", saga.id(), step.name(), e);
            return retryOrGiveUpUndo(saga, step, "unexpected: " + e, true);
        }
    }

    private StepRun undone(Saga saga, SagaStep step) {
        SagaStep undone = step.undone(clock.instant());
        save(saga, undone, new SagaStepCompensated(saga.id(), saga.orderId(), undone.name()));
        return new StepRun(undone, true, clock.instant());
    }

    /** Whether the saga's project is gone from the cloud; an unanswered question counts as no. */
    private boolean projectGone(Saga saga) {
        try {
            return saga.projectId() != null && !cloud.projectExists(saga.projectId());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private StepRun goneWithProject(Saga saga, SagaStep step, String error) {
        String note = "nothing to delete: project " + saga.projectId() + " is gone from the cloud, and its "
                + "resources with it (" + error + ")";
        SagaStep undone = step.goneWithProject(note, clock.instant());
        save(saga, undone, new SagaStepCompensated(saga.id(), saga.orderId(), undone.name()));
        log.warn("saga {} step {}: {}", saga.id(), step.name(), note);
        return new StepRun(undone, true, clock.instant());
    }

    private StepRun retryOrGiveUpUndo(Saga saga, SagaStep step, String reason, boolean retryable) {
        if (step.attempts() + 1 >= settings.maxAttempts()) {
            SagaStep gaveUp = step.undoFailed(reason, clock.instant());
            save(saga, gaveUp, new SagaStepFailed(saga.id(), saga.orderId(), gaveUp.name(), "undo: " + reason, false));
            return new StepRun(gaveUp, true, clock.instant());
        }
        // an undo is retried even after a 4xx: the resource must go, and an operator is told if it cannot
        SagaStep retrying = step.retrying(reason);
        save(saga, retrying, new SagaStepFailed(saga.id(), saga.orderId(), retrying.name(), "undo: " + reason, true));
        Duration wait = retryable
                ? backoff(retrying.attempts())
                : backoff(retrying.attempts()).multipliedBy(2);
        return new StepRun(retrying, false, clock.instant().plus(wait));
    }

    private Saga giveUpUndoing(Saga saga, Instant now) {
        Saga next = saga.withSteps(step -> step.status() == StepStatus.UNDOING
                ? step.undoFailed("not deleted before the compensation's deadline " + saga.deadline(), now)
                : step);
        tx.executeWithoutResult(status -> next.steps().forEach(step -> sagas.updateStep(next.id(), step)));
        return next;
    }

    private Saga startCompensation(Saga saga, String failedStep, String reason) {
        Instant now = clock.instant();
        Saga compensating = saga.withDeadline(now.plus(settings.deadline())).compensate(failedStep, reason, now);
        List<String> toUndo = compensating.steps().stream()
                .filter(step -> step.status() == StepStatus.UNDOING)
                .sorted(Comparator.comparingInt(SagaStep::ordinal).reversed())
                .map(SagaStep::name)
                .toList();
        tx.executeWithoutResult(status -> {
            sagas.updateHeader(compensating);
            compensating.steps().forEach(step -> sagas.updateStep(compensating.id(), step));
            // the order's timeline, which agents read, gets the notice; the full reason stays with the saga (ops).
            // A day-2 operation's failure is told once its undo is over (the order itself did not fail).
            if (compensating.kind() != SagaKind.OPERATION) {
                events.publish(
                        compensating,
                        new ProvisioningFailed(
                                compensating.orderId(),
                                failedStep,
                                FailureNotice.of(compensating.id(), reason).forAgents()));
            }
            events.publish(
                    compensating,
                    new SagaCompensationStarted(compensating.id(), compensating.orderId(), reason, toUndo));
        });
        metrics.compensationStarted();
        log.info(
                "saga {} (order {}, reference {}) compensates: {}",
                saga.id(),
                saga.orderId(),
                FailureNotice.referenceOf(saga.id()),
                reason);
        return compensating;
    }

    private void complete(Saga saga) {
        Instant now = clock.instant();
        Saga completed = saga.finish(SagaStatus.COMPLETED, now);
        if (completed.kind() == SagaKind.OPERATION) {
            tx.executeWithoutResult(status -> {
                sagas.updateHeader(completed);
                events.publish(completed, SagaEvents.operationCompleted(completed, now));
            });
            metrics.sagaEnded(completed);
            log.info("saga {} (order {}) completed operation {}", saga.id(), saga.orderId(), completed.operation());
            return;
        }
        List<ProvisionedResource> inventory = inventory(completed, step -> step.status() == StepStatus.DONE);
        tx.executeWithoutResult(status -> {
            sagas.updateHeader(completed);
            events.publish(
                    completed,
                    new ProvisioningCompleted(
                            completed.orderId(),
                            inventory,
                            completed.tenant(),
                            completed.offeringId(),
                            completed.id(),
                            now));
        });
        metrics.sagaEnded(completed);
        log.info("saga {} (order {}) completed: {} resources", saga.id(), saga.orderId(), inventory.size());
    }

    private void finishCompensation(Saga saga) {
        Instant now = clock.instant();
        List<ProvisionedResource> remaining =
                inventory(saga, step -> step.status() == StepStatus.UNDO_FAILED || step.status() == StepStatus.UNDOING);
        if (remaining.isEmpty()
                && saga.steps().stream()
                        .noneMatch(step ->
                                step.status() == StepStatus.UNDO_FAILED || step.status() == StepStatus.UNDOING)) {
            // a decommission, or a snapshot's deletion, is a compensation that went as asked
            boolean asked = saga.kind() == SagaKind.DECOMMISSION
                    || (saga.kind() == SagaKind.OPERATION
                            && OperationType.DELETE_SNAPSHOT.name().equals(saga.operation()));
            SagaStatus end = asked ? SagaStatus.COMPLETED : SagaStatus.COMPENSATED;
            Saga finished = saga.finish(end, now);
            tx.executeWithoutResult(status -> {
                sagas.updateHeader(finished);
                events.publish(finished, new SagaCompensationCompleted(finished.id(), finished.orderId()));
                if (finished.kind() == SagaKind.OPERATION) {
                    events.publish(
                            finished,
                            asked
                                    ? SagaEvents.operationCompleted(finished, now)
                                    : SagaEvents.operationFailed(
                                            finished,
                                            FailureNotice.of(finished.id(), finished.reason())
                                                    .forAgents(),
                                            true,
                                            now));
                } else if (finished.kind() == SagaKind.DECOMMISSION) {
                    List<ProvisionedResource> removed = inventory(finished, step -> step.status() == StepStatus.UNDONE);
                    events.publish(
                            finished, new DecommissionCompleted(finished.orderId(), finished.tenant(), removed, now));
                } else {
                    events.publish(
                            finished,
                            new ProvisioningCompensated(
                                    finished.orderId(),
                                    FailureNotice.of(finished.id(), finished.reason())
                                            .forAgents()));
                }
            });
            metrics.sagaEnded(finished);
            log.info("saga {} (order {}) {}", saga.id(), saga.orderId(), end);
            return;
        }
        Saga failed = saga.finish(SagaStatus.COMPENSATION_FAILED, now);
        String reason = failed.undoFailures().stream()
                .map(step -> step.name() + ": " + step.lastError())
                .reduce((a, b) -> a + "; " + b)
                .orElse("resources could not be deleted");
        tx.executeWithoutResult(status -> {
            sagas.updateHeader(failed);
            if (failed.kind() == SagaKind.OPERATION) {
                events.publish(
                        failed,
                        SagaEvents.operationFailed(
                                failed,
                                FailureNotice.resourcesLeftBehind(failed.id()).forAgents(),
                                false,
                                now));
                return;
            }
            events.publish(
                    failed,
                    new ProvisioningCompensationFailed(
                            failed.orderId(),
                            failed.id(),
                            FailureNotice.resourcesLeftBehind(failed.id()).forAgents(),
                            remaining));
        });
        metrics.sagaEnded(failed);
        log.error(
                "saga {} (order {}, reference {}) COMPENSATION_FAILED, {} resources left: {}",
                saga.id(),
                saga.orderId(),
                FailureNotice.referenceOf(saga.id()),
                remaining.size(),
                reason);
    }

    private static List<ProvisionedResource> inventory(Saga saga, Predicate<SagaStep> which) {
        return saga.steps().stream()
                .filter(which)
                .map(SagaEvents::inventoryOf)
                .flatMap(Optional::stream)
                .toList();
    }

    private void save(Saga saga, SagaStep step, Event event) {
        long started = System.nanoTime();
        tx.executeWithoutResult(status -> {
            sagas.updateStep(saga.id(), step);
            if (event != null) {
                events.publish(saga, event);
            }
        });
        metrics.stepRecorded(Duration.ofNanos(System.nanoTime() - started));
    }

    static String resourceName(Saga saga, SagaStep step) {
        return "pi-" + saga.id() + "-" + step.name();
    }

    private static ResourceSpec specOf(Saga saga, SagaStep step) {
        Map<String, CloudResource> inputs = new LinkedHashMap<>();
        step.plan().inputs().forEach((role, stepName) -> {
            CloudResource input = saga.step(stepName).resource();
            if (input != null) {
                inputs.put(role, input);
            }
        });
        return new ResourceSpec(
                step.kind(), resourceName(saga, step), step.plan().properties(), inputs);
    }

    private Duration pollDelay(SagaStep step, Instant now) {
        Duration waited = step.startedAt() == null ? Duration.ZERO : Duration.between(step.startedAt(), now);
        Duration delay = waited.dividedBy(4);
        if (delay.compareTo(settings.pollMin()) < 0) {
            return settings.pollMin();
        }
        return delay.compareTo(settings.pollMax()) > 0 ? settings.pollMax() : delay;
    }

    /** Exponential, with jitter so that sagas failing together do not retry together. */
    private Duration backoff(int attempts) {
        long base = settings.retryBackoff().toMillis() << Math.min(Math.max(attempts - 1, 0), 16);
        long capped = Math.min(base, settings.maxBackoff().toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private static Instant earliest(List<StepRun> runs) {
        return runs.stream().map(StepRun::wakeAt).min(Comparator.naturalOrder()).orElseThrow();
    }

    private List<StepRun> inParallel(List<SagaStep> due, Function<SagaStep, StepRun> run) {
        if (due.size() == 1) {
            return List.of(run.apply(due.getFirst()));
        }
        List<Future<StepRun>> futures = new ArrayList<>();
        for (SagaStep step : due) {
            futures.add(steps.submit(() -> run.apply(step)));
        }
        List<StepRun> runs = new ArrayList<>();
        for (Future<StepRun> future : futures) {
            try {
                runs.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running saga steps", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a saga step failed unexpectedly", e.getCause());
            }
        }
        return runs;
    }

    @Override
    public void destroy() {
        steps.shutdownNow();
    }
}
