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

    @Scheduled(fixedDelayString = "${picloud.outbox.resubmit-interval:PT5S}")
    public void resubmitFailed() {
        failedPublications.resubmit(ResubmissionOptions.defaults().withMinAge(minAge));
    }
}
