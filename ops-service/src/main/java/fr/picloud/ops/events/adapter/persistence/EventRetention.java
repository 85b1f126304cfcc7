package fr.picloud.ops.events.adapter.persistence;

import fr.picloud.ops.events.application.EventLog;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes stored events past the retention ({@code picloud.ops.events.retention}). */
@Component
class EventRetention {

    private static final Logger log = LoggerFactory.getLogger(EventRetention.class);

    private final EventLog events;
    private final Clock clock;
    private final Duration retention;

    EventRetention(EventLog events, Clock clock, @Value("${picloud.ops.events.retention:P30D}") Duration retention) {
        this.events = events;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(
            fixedDelayString = "${picloud.ops.events.purge-interval:PT1H}",
            initialDelayString = "${picloud.ops.events.purge-interval:PT1H}")
    void purge() {
        int deleted = events.deleteOlderThan(clock.instant().minus(retention));
        if (deleted > 0) {
            log.info("deleted {} events older than {}", deleted, retention);
        }
    }
}
