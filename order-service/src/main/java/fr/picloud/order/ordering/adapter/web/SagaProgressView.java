package fr.picloud.order.ordering.adapter.web;

import fr.picloud.order.ordering.domain.SagaProgress;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One of an order's sagas as its requester follows it: what the API and the live feed send. */
record SagaProgressView(
        UUID sagaId,
        UUID orderId,
        String kind,
        String phase,
        List<SagaProgress.Step> steps,
        int done,
        Instant startedAt,
        Instant updatedAt) {

    static SagaProgressView of(SagaProgress progress) {
        int done = (int) progress.steps().stream()
                .filter(step -> step.state() == SagaProgress.StepState.DONE)
                .count();
        return new SagaProgressView(
                progress.sagaId(),
                progress.orderId(),
                progress.kind(),
                progress.phase().name(),
                progress.steps(),
                done,
                progress.startedAt(),
                progress.updatedAt());
    }
}
