package fr.picloud.provisioning.saga.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * One saga: an immutable value holding its steps. Which steps may run, which may be undone and when
 * it is over are answered here; the engine carries the answers out against the cloud.
 *
 * @param deadline past it, a running saga stops building and compensates
 */
public record Saga(
        UUID id,
        UUID orderId,
        String tenant,
        SagaKind kind,
        SagaStatus status,
        UUID offeringId,
        ProjectQuota quota,
        String failedStep,
        String reason,
        Instant createdAt,
        Instant deadline,
        Instant finishedAt,
        List<SagaStep> steps) {

    public Saga {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        steps = List.copyOf(steps);
    }

    public static Saga provision(
            UUID id,
            UUID orderId,
            String tenant,
            UUID offeringId,
            ProjectQuota quota,
            List<StepPlan> plan,
            Instant now,
            Instant deadline) {
        List<SagaStep> steps = new ArrayList<>();
        for (StepPlan step : plan) {
            steps.add(SagaStep.planned(steps.size(), step));
        }
        return new Saga(
                id,
                orderId,
                tenant,
                SagaKind.PROVISION,
                SagaStatus.RUNNING,
                offeringId,
                quota,
                null,
                null,
                now,
                deadline,
                null,
                steps);
    }

    /**
     * A decommission undoes the steps a provisioning completed: same steps, same resources, all to be
     * deleted in reverse dependency order (the project stays: it is the tenant's).
     */
    public static Saga decommission(UUID id, Saga provisioned, Instant now, Instant deadline) {
        List<SagaStep> steps = provisioned.steps().stream()
                .map(step -> step.status() == StepStatus.DONE ? step.undoing() : step.skipped(now))
                .toList();
        return new Saga(
                id,
                provisioned.orderId(),
                provisioned.tenant(),
                SagaKind.DECOMMISSION,
                SagaStatus.COMPENSATING,
                provisioned.offeringId(),
                provisioned.quota(),
                null,
                "decommission requested",
                now,
                deadline,
                null,
                steps);
    }

    /**
     * A day-2 operation on what a provisioning built: the provisioning's project step (done, it holds
     * the project id) and the operation's step. Given the resource it acts on as {@code toDelete}, the
     * saga begins by undoing that step (a snapshot's deletion is a compensation of the snapshot).
     */
    public static Saga operation(
            UUID id, Saga provisioned, StepPlan plan, CloudResource toDelete, Instant now, Instant deadline) {
        SagaStep project = provisioned.step(SagaPlanner.PROJECT_STEP);
        SagaStep operation = SagaStep.planned(1, plan);
        if (toDelete != null) {
            operation = operation.creating(now).created(toDelete).undoing();
        }
        return new Saga(
                id,
                provisioned.orderId(),
                provisioned.tenant(),
                SagaKind.OPERATION,
                toDelete == null ? SagaStatus.RUNNING : SagaStatus.COMPENSATING,
                provisioned.offeringId(),
                provisioned.quota(),
                null,
                toDelete == null ? null : plan.properties().get(OperationPlanner.OPERATION) + " requested",
                now,
                deadline,
                null,
                List.of(
                        new SagaStep(0, project.plan(), project.status(), project.resource(), 0, now, now, null),
                        operation));
    }

    /** The day-2 operation an OPERATION saga carries out, as its step records it. */
    public String operation() {
        return steps.stream()
                .map(step -> step.plan().properties().get(OperationPlanner.OPERATION))
                .filter(Objects::nonNull)
                .map(Object::toString)
                .findFirst()
                .orElse(null);
    }

    /**
     * A decommission that also deletes what day-2 operations added (snapshots), each before the
     * resource it was made of: the snapshot step is undone first, and its volume waits for it.
     */
    public Saga alsoDeleting(List<SagaStep> added, Instant now) {
        List<SagaStep> next = new ArrayList<>(steps);
        for (SagaStep extra : added) {
            StepPlan made = extra.plan();
            List<String> dependsOn = new ArrayList<>(made.dependsOn());
            Object of = made.properties().get(OperationPlanner.TARGET_NAME);
            if (of != null && steps.stream().anyMatch(step -> step.name().equals(of))) {
                dependsOn.add(of.toString());
            }
            next.add(new SagaStep(
                    next.size(),
                    new StepPlan(made.name(), made.kind(), dependsOn, made.inputs(), made.properties()),
                    StepStatus.UNDOING,
                    extra.resource(),
                    0,
                    extra.startedAt(),
                    extra.finishedAt(),
                    null));
        }
        return copy(status, failedStep, reason, deadline, finishedAt, next);
    }

    public SagaStep step(String name) {
        return steps.stream()
                .filter(step -> step.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("saga " + id + " has no step " + name));
    }

    public Saga with(SagaStep changed) {
        List<SagaStep> next = new ArrayList<>(steps);
        next.set(changed.ordinal(), changed);
        return copy(status, failedStep, reason, deadline, finishedAt, next);
    }

    public Saga withSteps(UnaryOperator<SagaStep> change) {
        return copy(
                status,
                failedStep,
                reason,
                deadline,
                finishedAt,
                steps.stream().map(change).toList());
    }

    /** The same saga with another deadline. */
    public Saga withDeadline(Instant newDeadline) {
        return copy(status, failedStep, reason, newDeadline, finishedAt, steps);
    }

    /** Every field but the identity ones, which no transition changes. */
    private Saga copy(
            SagaStatus newStatus,
            String newFailedStep,
            String newReason,
            Instant newDeadline,
            Instant newFinishedAt,
            List<SagaStep> newSteps) {
        return new Saga(
                id,
                orderId,
                tenant,
                kind,
                newStatus,
                offeringId,
                quota,
                newFailedStep,
                newReason,
                createdAt,
                newDeadline,
                newFinishedAt,
                newSteps);
    }

    /** Steps whose action is due: begun and unfinished, or pending with every dependency done. */
    public List<SagaStep> runnableSteps() {
        if (status != SagaStatus.RUNNING) {
            return List.of();
        }
        return steps.stream()
                .filter(step -> step.status() == StepStatus.CREATING
                        || step.status() == StepStatus.WAITING
                        || (step.status() == StepStatus.PENDING && dependenciesDone(step)))
                .toList();
    }

    private boolean dependenciesDone(SagaStep step) {
        return step.plan().dependsOn().stream().allMatch(name -> step(name).status() == StepStatus.DONE);
    }

    public boolean allDone() {
        return steps.stream().allMatch(step -> step.status() == StepStatus.DONE);
    }

    public String projectId() {
        SagaStep project = step(SagaPlanner.PROJECT_STEP);
        return project.resource() == null ? null : project.resource().id();
    }

    /** Stops building: what may exist is to be undone, in reverse order; what never began is skipped. */
    public Saga compensate(String failedStep, String reason, Instant now) {
        Saga next = copy(SagaStatus.COMPENSATING, failedStep, reason, deadline, finishedAt, steps);
        return next.withSteps(step -> {
            if (step.name().equals(SagaPlanner.PROJECT_STEP)) {
                return step.status().mayHoldResource() ? step.undone(now) : step.skipped(now);
            }
            return step.status().mayHoldResource() ? step.undoing() : step.skipped(now);
        });
    }

    /** Steps to undo now: those no step still standing depends on. */
    public List<SagaStep> undoableSteps() {
        if (status != SagaStatus.COMPENSATING) {
            return List.of();
        }
        return steps.stream()
                .filter(step -> step.status() == StepStatus.UNDOING)
                .filter(step -> steps.stream()
                        .filter(other -> other.plan().dependsOn().contains(step.name()))
                        .allMatch(other -> other.status() == StepStatus.UNDONE))
                .toList();
    }

    /** Whether compensation went as far as it can: nothing is left to undo or waiting for an undo. */
    public boolean compensationOver() {
        return steps.stream().noneMatch(step -> step.status() == StepStatus.UNDOING);
    }

    public List<SagaStep> undoFailures() {
        return steps.stream()
                .filter(step -> step.status() == StepStatus.UNDO_FAILED)
                .toList();
    }

    public Saga finish(SagaStatus finalStatus, Instant now) {
        if (!finalStatus.isFinal()) {
            throw new IllegalArgumentException(finalStatus + " is not final");
        }
        return copy(finalStatus, failedStep, reason, deadline, now, steps);
    }

    /** An operator's retry: failed steps and failed undos get a fresh counter, a final failure resumes. */
    public Saga retry(Instant now, Instant newDeadline) {
        SagaStatus resumed = switch (status) {
            case COMPENSATION_FAILED -> SagaStatus.COMPENSATING;
            default -> status;
        };
        Saga next = copy(resumed, failedStep, reason, newDeadline, resumed.isFinal() ? finishedAt : null, steps);
        return next.withSteps(SagaStep::retried);
    }

    /** Whether it has run past its deadline without ending. */
    public boolean stuck(Instant now) {
        return !status.isFinal() && deadline != null && now.isAfter(deadline);
    }
}
