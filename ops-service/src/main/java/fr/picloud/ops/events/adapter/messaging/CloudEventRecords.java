package fr.picloud.ops.events.adapter.messaging;

import fr.picloud.ops.events.domain.PlatformEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads a record's CloudEvents binary-binding headers ({@code ce_*}) without judging them: the ops
 * view shows every record, even one the services would dead-letter. A record without a readable
 * {@code ce_id} gets an id derived from its position, so a redelivery is still recognised.
 */
final class CloudEventRecords {

    static final String UNTYPED = "(no ce_type)";

    private CloudEventRecords() {}

    static PlatformEvent read(ConsumerRecord<String, byte[]> record) {
        return new PlatformEvent(
                id(record),
                orElse(header(record, "ce_type"), UNTYPED),
                integer(header(record, "ce_eventversion")),
                header(record, "ce_source"),
                header(record, "ce_subject"),
                header(record, "ce_tenant"),
                header(record, "ce_correlationid"),
                header(record, "ce_causationid"),
                time(record),
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8));
    }

    private static UUID id(ConsumerRecord<String, byte[]> record) {
        String id = header(record, "ce_id");
        if (id != null) {
            try {
                return UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                // not a platform id: fall back to the record's position
            }
        }
        return UUID.nameUUIDFromBytes((record.topic() + "/" + record.partition() + "/" + record.offset() + "/" + id)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static Instant time(ConsumerRecord<String, byte[]> record) {
        String time = header(record, "ce_time");
        if (time != null) {
            try {
                return OffsetDateTime.parse(time).toInstant();
            } catch (DateTimeParseException e) {
                // unreadable: the broker's timestamp is the next best thing
            }
        }
        return Instant.ofEpochMilli(record.timestamp());
    }

    private static Integer integer(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        String value = new String(header.value(), StandardCharsets.UTF_8);
        return value.isBlank() ? null : value;
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
