package fr.picloud.provisioning.saga.application;

import fr.picloud.provisioning.saga.domain.Saga;
import fr.picloud.provisioning.saga.domain.SagaStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Saga metrics: step durations by kind, failures, compensations, sagas by status and stuck sagas
 * ({@code picloud.saga.stuck}: not over past their deadline). Counts by status are read from the
 * database every few seconds, not on every scrape.
 */
@Component
public class SagaMetrics {

    private final MeterRegistry registry;
    private final SagaRepository sagas;
    private final Clock clock;
    private final Map<SagaStatus, AtomicLong> byStatus = new EnumMap<>(SagaStatus.class);
    private final AtomicLong stuck = new AtomicLong();

    public SagaMetrics(MeterRegistry registry, SagaRepository sagas, Clock clock) {
        this.registry = registry;
        this.sagas = sagas;
        this.clock = clock;
        for (SagaStatus status : SagaStatus.values()) {
            AtomicLong count = new AtomicLong();
            byStatus.put(status, count);
            Gauge.builder("picloud.saga.sagas", count, AtomicLong::get)
                    .description("sagas by status")
                    .tag("status", status.name())
                    .register(registry);
        }
        Gauge.builder("picloud.saga.stuck", stuck, AtomicLong::get)
                .description("sagas not over past their deadline")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${picloud.provisioning.saga.metrics-refresh:PT5S}")
    void refresh() {
        Map<SagaStatus, Long> counts = sagas.countByStatus();
        byStatus.forEach((status, count) -> count.set(counts.getOrDefault(status, 0L)));
        stuck.set(sagas.countStuck(clock.instant()));
    }

    void stepCompleted(String kind, Duration duration) {
        Timer.builder("picloud.saga.step.duration")
                .description("time from a step's first attempt to its resource being ready")
                .tag("kind", kind)
                .register(registry)
                .record(duration);
    }

    /** The saga's own cost of a transition: the step's new state and its event, in one transaction. */
    void stepRecorded(Duration duration) {
        Timer.builder("picloud.saga.transition")
                .description("time to record a step transition and its event (outbox) in one transaction")
                .register(registry)
                .record(duration);
    }

    void stepFailed(String kind) {
        registry.counter("picloud.saga.step.failures", "kind", kind).increment();
    }

    void compensationStarted() {
        registry.counter("picloud.saga.compensations").increment();
    }

    void sagaEnded(Saga saga) {
        registry.counter(
                        "picloud.saga.ended",
                        "kind",
                        saga.kind().name(),
                        "status",
                        saga.status().name())
                .increment();
        if (saga.finishedAt() != null) {
            Timer.builder("picloud.saga.duration")
                    .tag("kind", saga.kind().name())
                    .tag("status", saga.status().name())
                    .register(registry)
                    .record(Duration.between(saga.createdAt(), saga.finishedAt()));
        }
    }
}
