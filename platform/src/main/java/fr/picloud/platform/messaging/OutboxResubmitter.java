package fr.picloud.platform.messaging;

import java.time.Duration;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sends again the outbox entries whose relay failed (broker down) or went stale (the process died
 * while relaying: Spring Modulith's staleness monitor marks them failed). A redelivered event may
 * reach Kafka twice; consumers are idempotent on the event id.
 */
public class OutboxResubmitter {

    private final FailedEventPublications failedPublications;
    private final Duration minAge;

    public OutboxResubmitter(FailedEventPublications failedPublications, Duration minAge) {
        this.failedPublications = failedPublications;
        this.minAge = minAge;
    }

    /** Entries sent again per run, and at most in flight (resubmitted, not yet done) across runs and instances. */
    static final int BATCH = 100;

    @Scheduled(fixedDelayString = "${picloud.outbox.resubmit-interval:PT5S}")
    public void resubmitFailed() {
        failedPublications.resubmit(options(minAge));
    }

    /**
     * Spring Modulith 2.0.3 reads {@code min(batchSize, batchSize - inFlight)} entries, a negative SQL
     * LIMIT (an error every run) once more than a batch is in flight, which the defaults (unbounded
     * maxInFlight) allow after a crash or a broker outage: in flight is capped at one batch, so the
     * library skips a run instead, until the entries in flight are done or stale (marked failed after
     * {@code spring.modulith.events.staleness.resubmission}).
     */
    static ResubmissionOptions options(Duration minAge) {
        return ResubmissionOptions.defaults()
                .withBatchSize(BATCH)
                .withMaxInFlight(BATCH)
                .withMinAge(minAge);
    }
}
