package fr.picloud.migration;

import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.EventEnvelope;
import fr.picloud.contracts.Message;
import fr.picloud.contracts.MessageCatalog;
import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import fr.picloud.contracts.offering.OfferingEvent;
import fr.picloud.contracts.offering.OfferingPublished;
import fr.picloud.contracts.offering.OfferingRetired;
import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.platform.messaging.CloudEventCodec;
import fr.picloud.platform.messaging.OutboundEvent;
import fr.picloud.platform.test.ApiClient;
import fr.picloud.platform.test.TestKafka;
import fr.picloud.platform.test.TestTokens;
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
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The world a migration test acts in: the lead's API, the catalogue topic the replica reads, order and
 * provisioning events sent onto the real broker as the other services would, and the order requests
 * migration-service sends read back from it.
 */
public final class MigrationWorld implements AutoCloseable {

    public static final String LEAD = TestTokens.token("lead-dsic", "dsic", "migration-lead");
    public static final String AGENT = TestTokens.token("agent-police", "police", "agent");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public final ApiClient api;
    private final JdbcTemplate jdbc;
    private final KafkaProducer<String, byte[]> producer;

    public MigrationWorld(int port, JdbcTemplate jdbc) {
        this.api = new ApiClient(port);
        this.jdbc = jdbc;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @Override
    public void close() {
        producer.close();
    }

    /** Publishes the offering's state on the catalogue topic and waits until the replica holds this revision. */
    public void catalogue(OfferingState state) {
        OfferingEvent event =
                "RETIRED".equals(state.status()) ? new OfferingRetired(state) : new OfferingPublished(state);
        send(Topics.CATALOG_OFFERINGS, event.aggregateId(), event);
        await("revision " + state.revision() + " of offering " + state.offeringId() + " in the replica")
                .atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from offering_replica where offering_id = ? and revision = ?",
                                Integer.class,
                                state.offeringId(),
                                state.revision())
                        == 1);
    }

    /** Sends a message as its producer would: CloudEvents headers, JSON payload. */
    public void send(String topic, String key, Message message) {
        MessageType type = MessageCatalog.typeOf(message.getClass());
        sendJson(topic, key, type.type(), type.version(), JSON.writeValueAsString(message));
    }

    /** Sends a payload written by hand, for messages whose record another team is extending. */
    public void sendJson(String topic, String key, String type, int version, String payload) {
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(), type, version, "/picloud/test", key, Instant.now(), key, null, null);
        ProducerRecord<String, byte[]> record =
                CloudEventCodec.toRecord(new OutboundEvent(topic, key, envelope, payload));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send to the test broker", e);
        }
    }

    /** The payloads of a topic's records of this type matching the filter, once at least {@code atLeast} arrived. */
    public static List<JsonNode> payloads(String topic, String type, Predicate<JsonNode> filter, int atLeast) {
        List<JsonNode> found = new ArrayList<>();
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
            await(atLeast + " records " + type + " on " + topic)
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                            var header = record.headers().lastHeader("ce_type");
                            if (header != null && type.equals(new String(header.value()))) {
                                JsonNode payload = JSON.readTree(record.value());
                                if (filter.test(payload)) {
                                    found.add(payload);
                                }
                            }
                        }
                        return found.size() >= atLeast;
                    });
        }
        return found;
    }

    public JsonNode ok(ApiClient.Response response) {
        if (response.status() / 100 != 2) {
            throw new AssertionError("expected a success, got " + response.status() + ": "
                    + response.raw().body());
        }
        return response.json();
    }
}
