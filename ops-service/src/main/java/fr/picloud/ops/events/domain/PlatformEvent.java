package fr.picloud.ops.events.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One record seen on a platform topic, as the ops view keeps it: its CloudEvents envelope (whatever
 * of it the record carried) and its payload as received. Unknown types are kept like known ones.
 *
 * @param version the {@code eventversion} extension, {@code null} when absent
 * @param correlationId the order id for everything an order causes; {@code null} when absent
 * @param payload the record's value as text (JSON for every platform event), {@code null} for a tombstone
 */
public record PlatformEvent(
        UUID eventId,
        String type,
        Integer version,
        String source,
        String subject,
        String tenant,
        String correlationId,
        String causationId,
        Instant occurredAt,
        String topic,
        int partition,
        long offset,
        String key,
        String payload) {

    public PlatformEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(topic, "topic");
    }

    /** Which part of an order's life the event tells, read from its topic. */
    public Stage stage() {
        return Stage.ofTopic(topic);
    }
}
