package fr.picloud.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.Topics;
import fr.picloud.platform.test.ApiClient;
import fr.picloud.platform.test.PiCloudIntegrationTest;
import fr.picloud.platform.test.TestKafka;
import fr.picloud.platform.test.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@PiCloudIntegrationTest
class OutboxRelayIT {

    private static final String ADMIN = TestTokens.token("catalog-admin", "dsic", "catalog-admin");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void an_offering_published_while_the_broker_is_down_reaches_kafka_once_it_is_back() {
        ApiClient api = new ApiClient(port);
        String id = api.post("/api/v1/offerings", ADMIN, OfferingMother.newOfferingJson("vm-outage"))
                .json()
                .path("offering")
                .path("offeringId")
                .asString();

        TestKafka.get().stopBroker();
        try {
            ApiClient.Response published = api.post(
                    "/api/v1/offerings/" + id + "/publish", ADMIN, "", Map.of("X-Correlation-Id", "portal-req-42"));
            assertThat(published.status())
                    .as("the state change commits although the broker is down")
                    .isEqualTo(200);
            assertThat(outboxEntriesFor(id)).as("the event waits in the outbox").isEqualTo(1);
            assertThat(meters.get("picloud.outbox.backlog").gauge().value())
                    .as("the backlog metric ops watch")
                    .isGreaterThanOrEqualTo(1);
        } finally {
            TestKafka.get().startBroker();
        }

        List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.CATALOG_OFFERINGS));
            await("the offering-published event of " + id + " on " + Topics.CATALOG_OFFERINGS)
                    .atMost(Duration.ofSeconds(90))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                            if (id.equals(record.key())) {
                                received.add(record);
                            }
                        });
                        return !received.isEmpty();
                    });
        }
        ConsumerRecord<String, byte[]> record = received.getFirst();
        assertThat(header(record, "ce_type")).isEqualTo("picloud.catalog.offering-published");
        assertThat(header(record, "ce_eventversion")).isEqualTo("1");
        assertThat(header(record, "ce_subject")).isEqualTo(id);
        assertThat(header(record, "ce_source")).isEqualTo("/picloud/catalog-service");
        assertThat(header(record, "ce_correlationid"))
                .as("the caller's correlation id travels from HTTP to Kafka")
                .isEqualTo("portal-req-42");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"status\":\"PUBLISHED\"");
        await("the outbox entry to be completed and removed")
                .atMost(Duration.ofSeconds(30))
                .until(() -> outboxEntriesFor(id) == 0);
    }

    private int outboxEntriesFor(String offeringId) {
        return jdbc.queryForObject(
                "select count(*) from event_publication where completion_date is null and serialized_event like ?",
                Integer.class,
                "%" + offeringId + "%");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.get().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "outbox-relay-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
    }
}
