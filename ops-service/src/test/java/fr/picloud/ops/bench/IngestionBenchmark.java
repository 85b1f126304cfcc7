package fr.picloud.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.EventEnvelope;
import fr.picloud.contracts.Topics;
import fr.picloud.platform.messaging.CloudEventCodec;
import fr.picloud.platform.messaging.OutboundEvent;
import fr.picloud.platform.test.ApiClient;
import fr.picloud.platform.test.PiCloudIntegrationTest;
import fr.picloud.platform.test.TestKafka;
import fr.picloud.platform.test.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * How fast the ops view stores what the platform publishes, and how long an order's timeline takes
 * to read once the table holds them: {@value #ORDERS} orders of {@value #EVENTS_PER_ORDER} events each
 * (an order's typical share: placed, approved, commands, saga steps, outcome), produced as fast as the
 * broker takes them, on the real broker and database. Figures in docs/ops-view.md.
 */
@PiCloudIntegrationTest
@TestPropertySource(properties = "picloud.ops.events.consumer-group=ops-benchmark")
class IngestionBenchmark {

    static final int ORDERS = 10_000;
    static final int EVENTS_PER_ORDER = 10;
    static final String PAYLOAD = "{\"orderId\":\"%s\",\"step\":\"server\",\"resource\":{\"id\":\"%s\",\"flavor\":"
            + "\"m1.medium\",\"vcpus\":2,\"ramGb\":4},\"durationMs\":1234}";

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    @Test
    void stores_the_platforms_events_and_reads_timelines() {
        long before = stored();
        List<String> orders = new ArrayList<>();
        Instant start = Instant.now();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.get().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG,
                5))) {
            for (int order = 0; order < ORDERS; order++) {
                String orderId = UUID.randomUUID().toString();
                orders.add(orderId);
                for (int event = 0; event < EVENTS_PER_ORDER; event++) {
                    EventEnvelope envelope = new EventEnvelope(
                            UUID.randomUUID(),
                            "picloud.provisioning.saga-step-completed",
                            1,
                            "/bench",
                            orderId,
                            start.plusMillis(event),
                            orderId,
                            null,
                            "police");
                    producer.send(CloudEventCodec.toRecord(new OutboundEvent(
                            Topics.PROVISIONING_SAGAS,
                            orderId,
                            envelope,
                            PAYLOAD.formatted(orderId, UUID.randomUUID()))));
                }
            }
            producer.flush();
        }
        Instant produced = Instant.now();
        long total = (long) ORDERS * EVENTS_PER_ORDER;
        await("all events stored")
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> stored() - before >= total);
        Instant stored = Instant.now();

        ApiClient api = new ApiClient(port);
        String token = TestTokens.token("ops-bench", "dsic", "ops");
        long[] timelineMicros = new long[200];
        for (int i = 0; i < timelineMicros.length; i++) {
            long begin = System.nanoTime();
            ApiClient.Response timeline = api.get("/api/v1/ops/orders/" + orders.get(i * 37) + "/timeline", token);
            timelineMicros[i] = (System.nanoTime() - begin) / 1_000;
            assertThat(timeline.json().size()).isEqualTo(EVENTS_PER_ORDER);
        }
        Arrays.sort(timelineMicros);

        double seconds = Duration.between(start, stored).toMillis() / 1000.0;
        System.out.printf(
                "BENCHMARK ingestion: %d events (%d orders x %d) produced in %.1f s, all stored after %.1f s: %.0f events/s%n",
                total,
                ORDERS,
                EVENTS_PER_ORDER,
                Duration.between(start, produced).toMillis() / 1000.0,
                seconds,
                total / seconds);
        System.out.printf(
                "BENCHMARK timeline over HTTP (%d events in table, %d reads): p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
                stored(),
                timelineMicros.length,
                timelineMicros[timelineMicros.length / 2] / 1000.0,
                timelineMicros[timelineMicros.length * 95 / 100] / 1000.0,
                timelineMicros[timelineMicros.length - 1] / 1000.0);
    }

    private long stored() {
        return jdbc.queryForObject("select count(*) from platform_event", Long.class);
    }
}
