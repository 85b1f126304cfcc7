package fr.picloud.platform.messaging;

import fr.picloud.contracts.EventEnvelope;

/**
 * An event waiting in the outbox (Spring Modulith's event publication registry) to be relayed to
 * Kafka. The payload is kept as JSON text so the registry can store and restore it without knowing
 * the event's Java type.
 */
public record OutboundEvent(String topic, String key, EventEnvelope envelope, String payloadJson) {}
