package fr.picloud.platform.messaging;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inbox of an idempotent consumer: the id of every processed event, recorded in the same
 * transaction as the event's effect, so a redelivery finds it and changes nothing.
 */
public class ProcessedEvents {

    private final JdbcTemplate jdbc;

    public ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the event for the consumer and says whether this is its first delivery. A concurrent
     * delivery of the same event waits on the row lock and then sees it as already processed.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean recordFirstDelivery(String consumer, UUID eventId) {
        return jdbc.update(
                        "insert into processed_event (consumer, event_id) values (?, ?) on conflict do nothing",
                        consumer,
                        eventId)
                == 1;
    }
}
