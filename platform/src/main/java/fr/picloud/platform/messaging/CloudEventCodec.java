package fr.picloud.platform.messaging;

import fr.picloud.contracts.EventEnvelope;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.messaging.Message;

/**
 * The wire format: CloudEvents 1.0 in the Kafka binary binding. The payload is the event's JSON;
 * the envelope travels in {@code ce_*} headers, with the extensions {@code eventversion},
 * {@code correlationid}, {@code causationid} and {@code tenant}, and {@code dataschema} names the
 * payload's schema in the contracts' AsyncAPI document ({@link MessageSchemas}).
 */
public final class CloudEventCodec {

    static final String EXT_VERSION = "eventversion";
    static final String EXT_CORRELATION = "correlationid";
    static final String EXT_CAUSATION = "causationid";
    static final String EXT_TENANT = "tenant";
    private static final String HEADER_PREFIX = "ce_";

    private CloudEventCodec() {}

    public static ProducerRecord<String, byte[]> toRecord(OutboundEvent event) {
        EventEnvelope envelope = event.envelope();
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(envelope.eventId().toString())
                .withType(envelope.type())
                .withSource(URI.create(envelope.source()))
                .withTime(envelope.occurredAt().atOffset(ZoneOffset.UTC))
                .withSubject(envelope.aggregateId())
                .withDataContentType("application/json")
                .withExtension(EXT_VERSION, Integer.toString(envelope.version()))
                .withExtension(EXT_CORRELATION, envelope.correlationId())
                .withData(event.payloadJson().getBytes(StandardCharsets.UTF_8));
        // a type the contracts do not describe (a test's own) travels without one
        MessageSchemas.of(envelope.type(), envelope.version()).ifPresent(builder::withDataSchema);
        if (envelope.causationId() != null) {
            builder.withExtension(EXT_CAUSATION, envelope.causationId());
        }
        if (envelope.tenant() != null) {
            builder.withExtension(EXT_TENANT, envelope.tenant());
        }
        CloudEvent cloudEvent = builder.build();
        return KafkaMessageFactory.<String>createWriter(event.topic(), event.key())
                .writeBinary(cloudEvent);
    }

    /**
     * Reads the envelope of a consumed message from its {@code ce_*} headers.
     *
     * @throws MalformedEventException when a required attribute is missing or unreadable: such a
     *     message can never be processed and goes to the dead-letter topic at once
     */
    public static EventEnvelope readEnvelope(Message<?> message) {
        Map<String, Object> headers = message.getHeaders();
        String id = required(headers, "id");
        String version = required(headers, EXT_VERSION);
        String time = required(headers, "time");
        try {
            return new EventEnvelope(
                    UUID.fromString(id),
                    required(headers, "type"),
                    Integer.parseInt(version),
                    required(headers, "source"),
                    required(headers, "subject"),
                    Instant.parse(time),
                    required(headers, EXT_CORRELATION),
                    optional(headers, EXT_CAUSATION),
                    optional(headers, EXT_TENANT));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedEventException("unreadable CloudEvents envelope: " + e.getMessage(), e);
        }
    }

    private static String required(Map<String, Object> headers, String attribute) {
        String value = optional(headers, attribute);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("missing CloudEvents header " + HEADER_PREFIX + attribute);
        }
        return value;
    }

    private static String optional(Map<String, Object> headers, String attribute) {
        Object value = headers.get(HEADER_PREFIX + attribute);
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }
}
