package fr.picloud.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What travels with every message besides its payload. On Kafka it is carried by the CloudEvents
 * binary binding as {@code ce_*} headers: {@code id}, {@code type}, {@code source}, {@code time},
 * {@code subject} (the aggregate id) and the extensions {@code eventversion}, {@code correlationid},
 * {@code causationid} and {@code tenant}.
 *
 * @param correlationId the order id the message ultimately serves, or the id of the request that
 *     started the chain when there is no order
 * @param causationId the id of the message or request that directly caused this one
 * @param tenant the organisation concerned, or {@code null} for platform-wide facts (catalogue)
 */
public record EventEnvelope(
        UUID eventId,
        String type,
        int version,
        String source,
        String aggregateId,
        Instant occurredAt,
        String correlationId,
        String causationId,
        String tenant) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(correlationId, "correlationId");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
    }
}
