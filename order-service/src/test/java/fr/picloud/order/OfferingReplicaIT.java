package fr.picloud.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.EventEnvelope;
import fr.picloud.contracts.LocalizedText;
import fr.picloud.contracts.Topics;
import fr.picloud.contracts.offering.OfferingDeprecated;
import fr.picloud.contracts.offering.OfferingEvent;
import fr.picloud.contracts.offering.OfferingPublished;
import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.contracts.offering.PriceList;
import fr.picloud.contracts.offering.PriceUnit;
import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.platform.messaging.CloudEventCodec;
import fr.picloud.platform.messaging.OutboundEvent;
import fr.picloud.platform.test.PiCloudIntegrationTest;
import fr.picloud.platform.test.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The walking skeleton's consumer side: order-service's catalogue replica over the real broker. */
@PiCloudIntegrationTest
class OfferingReplicaIT {

    private static final String DEAD_LETTERS = Topics.deadLetterOf(Topics.CATALOG_OFFERINGS, "order-service");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    MeterRegistry meters;

    KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void producer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void a_published_offering_lands_in_the_replica() {
        OfferingPublished event = published(UUID.randomUUID(), 1, "PUBLISHED");

        send(CloudEventCodec.toRecord(outbound(event)));

        awaitReplicaRevision(event.offering().offeringId(), 1);
        assertThat(jdbc.queryForObject(
                        "select status from offering_replica where offering_id = ?",
                        String.class,
                        event.offering().offeringId()))
                .isEqualTo("PUBLISHED");
    }

    @Test
    void a_duplicate_delivery_changes_nothing() {
        OfferingPublished event = published(UUID.randomUUID(), 1, "PUBLISHED");
        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(outbound(event));
        double duplicatesBefore = duplicates();
        send(record);
        awaitReplicaRevision(event.offering().offeringId(), 1);
        var firstState = jdbc.queryForMap(
                "select * from offering_replica where offering_id = ?",
                event.offering().offeringId());

        send(record);

        await("the redelivery of " + event.offering().offeringId() + " to be recognised as a duplicate")
                .atMost(Duration.ofSeconds(30))
                .until(() -> duplicates() > duplicatesBefore);
        assertThat(jdbc.queryForMap(
                        "select * from offering_replica where offering_id = ?",
                        event.offering().offeringId()))
                .isEqualTo(firstState);
        assertThat(jdbc.queryForObject(
                        "select count(*) from processed_event where event_id = ?",
                        Integer.class,
                        UUID.fromString(header(record, "ce_id"))))
                .isEqualTo(1);
    }

    @Test
    void an_older_revision_arriving_late_never_rolls_the_replica_back() {
        UUID offeringId = UUID.randomUUID();
        send(CloudEventCodec.toRecord(outbound(new OfferingDeprecated(state(offeringId, 3, "DEPRECATED")))));
        awaitReplicaRevision(offeringId, 3);

        send(CloudEventCodec.toRecord(outbound(published(offeringId, 2, "PUBLISHED"))));
        OfferingPublished marker = published(UUID.randomUUID(), 1, "PUBLISHED");
        send(CloudEventCodec.toRecord(outbound(marker)));
        awaitReplicaRevision(marker.offering().offeringId(), 1);

        assertThat(jdbc.queryForObject(
                        "select status from offering_replica where offering_id = ?", String.class, offeringId))
                .isEqualTo("DEPRECATED");
    }

    @Test
    void malformed_messages_go_to_the_dead_letter_topic_and_the_next_good_one_is_consumed() {
        String noEnvelopeKey = "poison-" + UUID.randomUUID();
        send(new ProducerRecord<>(
                Topics.CATALOG_OFFERINGS, noEnvelopeKey, "{\"hello\":".getBytes(StandardCharsets.UTF_8)));
        OfferingPublished broken = published(UUID.randomUUID(), 1, "PUBLISHED");
        ProducerRecord<String, byte[]> unreadablePayload = CloudEventCodec.toRecord(new OutboundEvent(
                Topics.CATALOG_OFFERINGS,
                broken.aggregateId(),
                envelope(broken),
                "{\"offeringId\": \"not-a-uuid\", \"revision\": \"one\"}"));
        send(unreadablePayload);
        OfferingPublished good = published(UUID.randomUUID(), 1, "PUBLISHED");

        send(CloudEventCodec.toRecord(outbound(good)));

        awaitReplicaRevision(good.offering().offeringId(), 1);
        List<ConsumerRecord<String, byte[]>> deadLetters = deadLettersFor(List.of(noEnvelopeKey, broken.aggregateId()));
        assertThat(deadLetters)
                .extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder(noEnvelopeKey, broken.aggregateId());
        assertThat(deadLetters)
                .allSatisfy(
                        record -> assertThat(header(record, "x-original-topic")).isEqualTo(Topics.CATALOG_OFFERINGS));
        assertThat(deadLetters)
                .extracting(record -> header(record, "x-exception-message"))
                .anySatisfy(message -> assertThat(message).contains("missing CloudEvents header ce_id"))
                .anySatisfy(
                        message -> assertThat(message).contains("is not a valid picloud.catalog.offering-published"));
        assertThat(jdbc.queryForObject(
                        "select count(*) from offering_replica where offering_id = ?",
                        Integer.class,
                        broken.offering().offeringId()))
                .isZero();
    }

    private List<ConsumerRecord<String, byte[]>> deadLettersFor(List<String> keys) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.get().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(DEAD_LETTERS));
            await("both malformed messages on " + DEAD_LETTERS)
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                            if (keys.contains(record.key())) {
                                found.add(record);
                            }
                        });
                        return found.size() >= keys.size();
                    });
        }
        return found;
    }

    private double duplicates() {
        var counter = meters.find("picloud.events.consumed")
                .tag("outcome", "duplicate")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private void awaitReplicaRevision(UUID offeringId, long revision) {
        await("offering " + offeringId + " at revision " + revision + " in the replica")
                .atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForList(
                                "select revision from offering_replica where offering_id = ?", Long.class, offeringId)
                        .contains(revision));
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send to the test broker", e);
        }
    }

    private OutboundEvent outbound(OfferingEvent event) {
        return new OutboundEvent(
                Topics.CATALOG_OFFERINGS, event.aggregateId(), envelope(event), json.writeValueAsString(event));
    }

    private static EventEnvelope envelope(OfferingEvent event) {
        return new EventEnvelope(
                UUID.randomUUID(),
                fr.picloud.contracts.MessageCatalog.typeOf(event.getClass()).type(),
                1,
                "/picloud/catalog-service",
                event.aggregateId(),
                Instant.now(),
                event.aggregateId(),
                null,
                null);
    }

    private static OfferingPublished published(UUID offeringId, long revision, String status) {
        return new OfferingPublished(state(offeringId, revision, status));
    }

    private static OfferingState state(UUID offeringId, long revision, String status) {
        return new OfferingState(
                offeringId,
                revision,
                "vm-" + offeringId.toString().substring(0, 8),
                new LocalizedText("Machine virtuelle", "Virtual machine"),
                new LocalizedText("Une VM", "One VM"),
                "COMPUTE",
                new OfferingState.Provider("pi-cloud", "PI Cloud", true, "FR"),
                List.of("vm"),
                "GOLD",
                "1.0",
                status,
                Map.of("type", "object"),
                new ResourceTemplate(Map.of(), List.of()),
                List.of(new PriceList(
                        1, LocalDate.of(2026, 1, 1), "EUR", Map.of(PriceUnit.VCPU_HOUR, new BigDecimal("0.0125")))));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
