package fr.picloud.ops.events.adapter.web;

import fr.picloud.ops.events.domain.PlatformEvent;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

/** An event as the ops API shows it: the envelope, where it was read, and its payload (JSON, or text when not). */
record EventView(
        UUID eventId,
        Instant time,
        String stage,
        String type,
        Integer version,
        String source,
        String subject,
        String tenant,
        String correlationId,
        String causationId,
        String topic,
        int partition,
        long offset,
        String key,
        JsonNode payload) {

    static EventView of(PlatformEvent event, JsonMapper json) {
        return new EventView(
                event.eventId(),
                event.occurredAt(),
                event.stage().name().toLowerCase(),
                event.type(),
                event.version(),
                event.source(),
                event.subject(),
                event.tenant(),
                event.correlationId(),
                event.causationId(),
                event.topic(),
                event.partition(),
                event.offset(),
                event.key(),
                payload(event.payload(), json));
    }

    private static JsonNode payload(String payload, JsonMapper json) {
        if (payload == null) {
            return null;
        }
        try {
            return json.readTree(payload);
        } catch (JacksonException e) {
            return StringNode.valueOf(payload);
        }
    }
}
