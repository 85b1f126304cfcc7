package fr.picloud.localstack.provisioning;

import fr.picloud.contracts.Command;
import fr.picloud.contracts.Event;
import fr.picloud.contracts.Message;
import fr.picloud.contracts.MessageCatalog;
import fr.picloud.contracts.MessageType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messages sent to the stack's broker as a PI Cloud service sends them: the JSON of the contract
 * record, keyed by its aggregate id, with the platform's envelope in CloudEvents binary headers
 * ({@code ce_*}, as platform's CloudEventCodec writes them; local-stack does not depend on platform).
 */
final class Messages implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaProducer<String, byte[]> producer;

    Messages(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                5));
    }

    /** Sends without waiting; {@link #flush} waits for every send. */
    Future<RecordMetadata> send(Message message, String tenant, String correlationId) {
        MessageType type = MessageCatalog.typeOf(message.getClass());
        String key = switch (message) {
            case Event event -> event.aggregateId();
            case Command command -> command.aggregateId();
            default -> throw new IllegalArgumentException("neither an event nor a command: " + message);
        };
        List<Header> headers = List.of(
                header("ce_specversion", "1.0"),
                header("ce_id", UUID.randomUUID().toString()),
                header("ce_type", type.type()),
                header("ce_source", "/picloud/local-stack-drill"),
                header("ce_time", Instant.now().toString()),
                header("ce_subject", key),
                header("ce_eventversion", Integer.toString(type.version())),
                header("ce_correlationid", correlationId == null ? key : correlationId),
                header("ce_tenant", tenant),
                header("content-type", "application/json"));
        return producer.send(new ProducerRecord<>(
                type.topic(), null, key, JSON.writeValueAsString(message).getBytes(StandardCharsets.UTF_8), headers));
    }

    void flush() {
        producer.flush();
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
