package fr.picloud.platform.test;

import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.Command;
import fr.picloud.contracts.Event;
import fr.picloud.contracts.EventEnvelope;
import fr.picloud.contracts.Message;
import fr.picloud.contracts.MessageCatalog;
import fr.picloud.contracts.MessageType;
import fr.picloud.platform.messaging.CloudEventCodec;
import fr.picloud.platform.messaging.OutboundEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messages on the test broker as another service would send them (CloudEvents binary headers, the
 * platform's envelope), and the records a service under test sent, read back from its topics.
 */
public final class TestMessages implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            TestKafka.get().bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ByteArraySerializer.class));

    /** Sends a message to its own topic, keyed by its aggregate id; returns the record to send it again. */
    public ProducerRecord<String, byte[]> send(Message message, String tenant, String correlationId) {
        MessageType type = MessageCatalog.typeOf(message.getClass());
        String key = switch (message) {
            case Event event -> event.aggregateId();
            case Command command -> command.aggregateId();
            default -> throw new IllegalArgumentException("neither an event nor a command: " + message);
        };
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(),
                type.type(),
                type.version(),
                "/picloud/test",
                key,
                Instant.now(),
                correlationId == null ? key : correlationId,
                null,
                tenant);
        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(
                new OutboundEvent(type.topic(), key, envelope, JSON.writeValueAsString(message)));
        send(record);
        return record;
    }

    /** Sends raw bytes with the given headers: for poison messages. */
    public void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send to the test broker", e);
        }
    }

    /** Records of a topic with this key, read from the start, until {@code until} holds for them. */
    public static List<ConsumerRecord<String, byte[]>> recordsOf(
            String topic, String key, Predicate<List<ConsumerRecord<String, byte[]>>> until, Duration patience) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.get().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            await("records keyed " + key + " on " + topic)
                    .atMost(patience)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                            if (key == null || key.equals(record.key())) {
                                found.add(record);
                            }
                        });
                        return until.test(found);
                    });
        }
        return found;
    }

    /** Records keyed {@code key} until every one of {@code types} (ce_type) arrived. */
    public static List<ConsumerRecord<String, byte[]>> recordsOf(String topic, String key, String... types) {
        return recordsOf(
                topic,
                key,
                records -> records.stream()
                        .map(record -> header(record, "ce_type"))
                        .toList()
                        .containsAll(List.of(types)),
                Duration.ofSeconds(60));
    }

    public static List<String> typesOf(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(record -> header(record, "ce_type")).toList();
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static JsonNode payload(ConsumerRecord<String, byte[]> record) {
        return JSON.readTree(record.value());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
