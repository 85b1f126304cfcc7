package fr.picloud.platform.messaging;

import fr.picloud.contracts.EventEnvelope;
import fr.picloud.contracts.MessageCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything a consumer does before its own logic, written once: read the CloudEvents envelope,
 * decode the payload to its record, skip a redelivery, bind the correlation, and run the handler in
 * one transaction with the inbox record. Unknown message types (a newer producer) are skipped and
 * counted; unreadable ones throw {@link MalformedEventException} and go to the dead-letter topic.
 */
public class InboundEventProcessor {

    private static final Logger log = LoggerFactory.getLogger(InboundEventProcessor.class);

    private final JsonMapper json;
    private final ProcessedEvents processedEvents;
    private final TransactionTemplate transaction;
    private final MeterRegistry meters;

    public InboundEventProcessor(
            JsonMapper json, ProcessedEvents processedEvents, TransactionTemplate transaction, MeterRegistry meters) {
        this.json = json;
        this.processedEvents = processedEvents;
        this.transaction = transaction;
        this.meters = meters;
    }

    public void process(String consumer, Message<byte[]> message, Consumer<ReceivedEvent> handler) {
        EventEnvelope envelope = CloudEventCodec.readEnvelope(message);
        var messageClass = MessageCatalog.find(envelope.type(), envelope.version());
        if (messageClass.isEmpty()) {
            log.info(
                    "{} skips event {} of unknown type {} v{}",
                    consumer,
                    envelope.eventId(),
                    envelope.type(),
                    envelope.version());
            meters.counter("picloud.events.skipped", "consumer", consumer, "type", envelope.type())
                    .increment();
            return;
        }
        ReceivedEvent event = new ReceivedEvent(envelope, decode(message.getPayload(), messageClass.get(), envelope));
        try (var scope =
                MessageContext.open(envelope.correlationId(), envelope.eventId().toString())) {
            boolean processed = Boolean.TRUE.equals(transaction.execute(status -> {
                if (!processedEvents.recordFirstDelivery(consumer, envelope.eventId())) {
                    return false;
                }
                handler.accept(event);
                return true;
            }));
            meters.counter(
                            "picloud.events.consumed",
                            "consumer",
                            consumer,
                            "type",
                            envelope.type(),
                            "outcome",
                            processed ? "processed" : "duplicate")
                    .increment();
        }
    }

    private fr.picloud.contracts.Message decode(
            byte[] payload, Class<? extends fr.picloud.contracts.Message> messageClass, EventEnvelope envelope) {
        try {
            return json.readValue(payload, messageClass);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException(
                    "payload of event " + envelope.eventId() + " is not a valid " + envelope.type() + " v"
                            + envelope.version() + ": " + e.getMessage(),
                    e);
        }
    }
}
