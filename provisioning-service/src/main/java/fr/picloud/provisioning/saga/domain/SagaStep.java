package fr.picloud.provisioning.saga.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A step of a saga and what became of it: an immutable value, each transition returns the next one.
 *
 * @param resource what the cloud built for it, once known
 * @param attempts how many times its action (or, while undoing, its compensation) failed in a row
 */
public record SagaStep(
        int ordinal,
        StepPlan plan,
        StepStatus status,
        CloudResource resource,
        int attempts,
        Instant startedAt,
        Instant finishedAt,
        String lastError) {

    public SagaStep {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(status, "status");
    }

    public static SagaStep planned(int ordinal, StepPlan plan) {
        return new SagaStep(ordinal, plan, StepStatus.PENDING, null, 0, null, null, null);
    }

    public String name() {
        return plan.name();
    }

    public String kind() {
        return plan.kind();
    }

    /** Recorded before the create call: from now on the cloud may hold something of this step. */
    public SagaStep creating(Instant now) {
        return new SagaStep(
                ordinal,
                plan,
                StepStatus.CREATING,
                resource,
                attempts,
                startedAt == null ? now : startedAt,
                null,
                null);
    }

    public SagaStep created(CloudResource created) {
        return new SagaStep(ordinal, plan, StepStatus.WAITING, created, attempts, startedAt, null, lastError);
    }

    public SagaStep done(CloudResource ready, Instant now) {
        return new SagaStep(ordinal, plan, StepStatus.DONE, ready, 0, startedAt, now, null);
    }

    /** A failure the next attempt may overcome; the step keeps its status. */
    public SagaStep retrying(String error) {
        return new SagaStep(ordinal, plan, status, resource, attempts + 1, startedAt, finishedAt, error);
    }

    public SagaStep failed(String error, Instant now) {
        return new SagaStep(ordinal, plan, StepStatus.FAILED, resource, attempts + 1, startedAt, now, error);
    }

    public SagaStep undoing() {
        return new SagaStep(ordinal, plan, StepStatus.UNDOING, resource, 0, startedAt, finishedAt, lastError);
    }

    public SagaStep undone(Instant now) {
        return new SagaStep(ordinal, plan, StepStatus.UNDONE, resource, 0, startedAt, now, lastError);
    }

    /** Nothing left to undo: the project the resource lived in is gone, and the note says so. */
    public SagaStep goneWithProject(String note, Instant now) {
        return new SagaStep(ordinal, plan, StepStatus.UNDONE, resource, 0, startedAt, now, note);
    }

    public SagaStep undoFailed(String error, Instant now) {
        return new SagaStep(ordinal, plan, StepStatus.UNDO_FAILED, resource, attempts + 1, startedAt, now, error);
    }

    /** An operator asks for another try: the failure counter starts again. */
    public SagaStep retried() {
        StepStatus next = switch (status) {
            case FAILED -> resource == null ? StepStatus.CREATING : StepStatus.WAITING;
            case UNDO_FAILED -> StepStatus.UNDOING;
            default -> status;
        };
        return new SagaStep(ordinal, plan, next, resource, 0, startedAt, null, lastError);
    }

    /** A step that never began needs no undoing. */
    public SagaStep skipped(Instant now) {
        return new SagaStep(ordinal, plan, StepStatus.UNDONE, null, 0, startedAt, now, lastError);
    }
}
