package fr.picloud.platform.messaging;

import fr.picloud.contracts.Command;
import fr.picloud.contracts.Event;
import fr.picloud.contracts.EventEnvelope;
import fr.picloud.contracts.Message;
import fr.picloud.contracts.MessageCatalog;
import fr.picloud.contracts.MessageType;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes events and commands through the transactional outbox: the event is written to the event
 * publication registry in the caller's transaction, so it exists if and only if the state change
 * that caused it committed; {@link KafkaOutboxRelay} sends it after the commit.
 */
public class EventPublisher {

    private final ApplicationEventPublisher applicationEvents;
    private final JsonMapper json;
    private final Clock clock;
    private final String source;
    private final MeterRegistry meters;

    public EventPublisher(
            ApplicationEventPublisher applicationEvents,
            JsonMapper json,
            Clock clock,
            String serviceName,
            MeterRegistry meters) {
        this.applicationEvents = applicationEvents;
        this.json = json;
        this.clock = clock;
        this.source = "/picloud/" + serviceName;
        this.meters = meters;
    }

    /** Publishes an event under the current correlation (of the request or event being handled). */
    @Transactional(propagation = Propagation.MANDATORY)
    public EventEnvelope publish(Event event, String tenant) {
        String correlationId = MessageContext.current()
                .map(MessageContext.Correlation::correlationId)
                .orElse(event.aggregateId());
        return publish(event, tenant, correlationId);
    }

    /** Publishes an event that starts or continues the given correlation (an order's id). */
    @Transactional(propagation = Propagation.MANDATORY)
    public EventEnvelope publish(Event event, String tenant, String correlationId) {
        return write(event, event.aggregateId(), tenant, correlationId);
    }

    /** Sends a command to another service through the same outbox, under the given correlation. */
    @Transactional(propagation = Propagation.MANDATORY)
    public EventEnvelope publish(Command command, String tenant, String correlationId) {
        return write(command, command.aggregateId(), tenant, correlationId);
    }

    private EventEnvelope write(Message message, String aggregateId, String tenant, String correlationId) {
        MessageType type = MessageCatalog.typeOf(message.getClass());
        String causationId = MessageContext.current()
                .map(MessageContext.Correlation::causationId)
                .orElse(null);
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(),
                type.type(),
                type.version(),
                source,
                aggregateId,
                clock.instant(),
                correlationId,
                causationId,
                tenant);
        applicationEvents.publishEvent(
                new OutboundEvent(type.topic(), aggregateId, envelope, json.writeValueAsString(message)));
        meters.counter("picloud.events.published", "type", type.type()).increment();
        return envelope;
    }
}
