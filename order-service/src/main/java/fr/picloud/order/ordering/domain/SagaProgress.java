package fr.picloud.order.ordering.domain;

import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.contracts.provisioning.SagaCompensationCompleted;
import fr.picloud.contracts.provisioning.SagaCompensationStarted;
import fr.picloud.contracts.provisioning.SagaEvent;
import fr.picloud.contracts.provisioning.SagaStarted;
import fr.picloud.contracts.provisioning.SagaStepCompensated;
import fr.picloud.contracts.provisioning.SagaStepCompleted;
import fr.picloud.contracts.provisioning.SagaStepFailed;
import fr.picloud.contracts.provisioning.SagaStepStarted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * What the requester of an order sees of one of its sagas (building it, a day-2 operation, taking it
 * down): each step as provisioning reports it, in the saga's order. Built from provisioning's saga
 * events alone; an event may arrive before the saga's start (another partition's consumer was
 * faster, or the start is in a dead letter): the step is then added where it is first heard of.
 *
 * @param kind {@code PROVISION}, {@code OPERATION} or {@code DECOMMISSION}; null until the start is heard
 */
public record SagaProgress(
        UUID sagaId, UUID orderId, String kind, Phase phase, List<Step> steps, Instant startedAt, Instant updatedAt) {

    /** Where the saga is as a whole. */
    public enum Phase {
        RUNNING,
        COMPLETED,
        COMPENSATING,
        COMPENSATED
    }

    public enum StepState {
        PENDING,
        RUNNING,
        /** It failed and provisioning tries it again. */
        RETRYING,
        DONE,
        FAILED,
        /** Undone by the compensation. */
        COMPENSATED
    }

    /**
     * @param attempt the attempt provisioning is at (1 for the first)
     * @param resource what the step made, {@code kind name} (a server, a volume...), if anything
     * @param reason why it failed, the last time it did
     */
    public record Step(String name, StepState state, int attempt, Long durationMs, String resource, String reason) {

        public Step {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
        }

        static Step pending(String name) {
            return new Step(name, StepState.PENDING, 0, null, null, null);
        }
    }

    public SagaProgress {
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(phase, "phase");
        steps = List.copyOf(steps);
    }

    /** The progress a saga's first event heard of begins. */
    public static SagaProgress first(SagaEvent event, Instant at) {
        return new SagaProgress(event.sagaId(), event.orderId(), null, Phase.RUNNING, List.of(), at, at)
                .apply(event, at);
    }

    /** The progress once this event is taken into account; the same event twice changes nothing more. */
    public SagaProgress apply(SagaEvent event, Instant at) {
        if (!event.sagaId().equals(sagaId)) {
            throw new IllegalArgumentException("event of saga " + event.sagaId() + " applied to saga " + sagaId);
        }
        return switch (event) {
            case SagaStarted started -> started(started, at);
            case SagaStepStarted started ->
                step(
                        started.step(),
                        at,
                        step -> new Step(
                                step.name(),
                                StepState.RUNNING,
                                started.attempt(),
                                null,
                                step.resource(),
                                step.reason()));
            case SagaStepCompleted completed -> completed(completed, at);
            case SagaStepFailed failed ->
                step(
                                failed.step(),
                                at,
                                step -> new Step(
                                        step.name(),
                                        failed.willRetry() ? StepState.RETRYING : StepState.FAILED,
                                        step.attempt(),
                                        step.durationMs(),
                                        step.resource(),
                                        failed.reason()))
                        .withPhase(failed.willRetry() ? phase : Phase.COMPENSATING);
            case SagaCompensationStarted ignored -> withPhase(Phase.COMPENSATING, at);
            case SagaStepCompensated compensated ->
                step(
                                compensated.step(),
                                at,
                                step -> new Step(
                                        step.name(),
                                        StepState.COMPENSATED,
                                        step.attempt(),
                                        step.durationMs(),
                                        step.resource(),
                                        step.reason()))
                        .withPhase(Phase.COMPENSATING);
            case SagaCompensationCompleted ignored -> withPhase(Phase.COMPENSATED, at);
        };
    }

    private SagaProgress started(SagaStarted started, Instant at) {
        List<Step> ordered = new ArrayList<>();
        for (String name : started.steps()) {
            ordered.add(find(name).orElse(Step.pending(name)));
        }
        // steps heard of before the start that the start does not name stay, after the others
        steps.stream().filter(step -> !started.steps().contains(step.name())).forEach(ordered::add);
        Instant begun = startedAt.isBefore(at) ? startedAt : at;
        return new SagaProgress(sagaId, orderId, started.kind(), phase, ordered, begun, latest(at));
    }

    private SagaProgress completed(SagaStepCompleted completed, Instant at) {
        ProvisionedResource made = completed.resource();
        SagaProgress next = step(
                completed.step(),
                at,
                step -> new Step(
                        step.name(),
                        StepState.DONE,
                        Math.max(1, step.attempt()),
                        completed.durationMs(),
                        made == null ? step.resource() : made.kind() + " " + made.name(),
                        null));
        boolean allDone = kind != null && next.steps.stream().allMatch(step -> step.state() == StepState.DONE);
        return allDone && phase == Phase.RUNNING ? next.withPhase(Phase.COMPLETED) : next;
    }

    /** The saga with one step changed, the step added at the end if it was not known yet. */
    private SagaProgress step(String name, Instant at, UnaryOperator<Step> change) {
        List<Step> changed = new ArrayList<>(steps);
        int index = indexOf(name);
        if (index < 0) {
            changed.add(change.apply(Step.pending(name)));
        } else {
            changed.set(index, change.apply(steps.get(index)));
        }
        return new SagaProgress(sagaId, orderId, kind, phase, changed, startedAt, latest(at));
    }

    private SagaProgress withPhase(Phase next, Instant at) {
        SagaProgress moved = withPhase(next);
        return new SagaProgress(sagaId, orderId, kind, moved.phase, steps, startedAt, latest(at));
    }

    /** A compensated saga stays compensated; a compensating one only goes on to compensated. */
    private SagaProgress withPhase(Phase next) {
        boolean kept = phase == Phase.COMPENSATED || (phase == Phase.COMPENSATING && next != Phase.COMPENSATED);
        return kept || next == phase
                ? this
                : new SagaProgress(sagaId, orderId, kind, next, steps, startedAt, updatedAt);
    }

    private Instant latest(Instant at) {
        return updatedAt.isAfter(at) ? updatedAt : at;
    }

    private int indexOf(String name) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private Optional<Step> find(String name) {
        int index = indexOf(name);
        return index < 0 ? Optional.empty() : Optional.of(steps.get(index));
    }
}
