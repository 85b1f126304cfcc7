package fr.picloud.order.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.Topics;
import fr.picloud.order.OrderServiceIT;
import fr.picloud.order.OrderWorld;
import fr.picloud.order.tenant.application.TenantPublication;
import fr.picloud.platform.test.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Tenants reach the compacted tenant topic: the seeded ones at startup, then every change. */
@OrderServiceIT
class TenantPublicationIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TenantPublication publication;

    @Test
    void seeded_tenants_are_published_once_at_startup_and_each_change_publishes_a_new_revision() {
        await("the seeded tenants published at startup")
                .atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from tenant where published_revision < revision", Integer.class)
                        == 0);
        JsonNode police = stateOf("police", state -> true);
        assertThat(police.path("revision").asLong()).isEqualTo(1);
        assertThat(police.path("kind").asString()).isEqualTo("DIRECTORATE");
        assertThat(police.path("parentId").asString()).isEqualTo("interieur");
        assertThat(police.path("monthlyBudget").decimalValue()).isEqualByComparingTo("25000.00");
        assertThat(police.path("costCenters").findValuesAsString("code")).containsExactly("POL-001", "POL-002");

        assertThat(publication.publishUnpublished())
                .as("tenants published again by a restart")
                .isZero();

        try (OrderWorld world = new OrderWorld(port, jdbc)) {
            var changed = world.api.put("/api/v1/tenants/secciv/quota", OrderWorld.ADMIN, """
                    {"vcpus": 64, "ramGb": 256, "volumeGb": 5000, "instances": 32, "floatingIps": 8,
                     "monthlyBudget": 9123.45}""");
            assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);
        }
        JsonNode secciv = stateOf("secciv", state -> state.path("revision").asLong() == 2);
        assertThat(secciv.path("monthlyBudget").decimalValue()).isEqualByComparingTo("9123.45");
        assertThat(secciv.path("quota").path("instances").asInt()).isEqualTo(32);
    }

    /** The first state of a tenant on the topic that matches. */
    private static JsonNode stateOf(String tenantId, Predicate<JsonNode> matching) {
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
            consumer.subscribe(List.of(Topics.TENANTS));
            await("a matching state of %s on %s".formatted(tenantId, Topics.TENANTS))
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                            JsonNode state = OrderWorld.payload(record).path("tenant");
                            if (tenantId.equals(record.key()) && matching.test(state)) {
                                assertThat(OrderWorld.header(record, "ce_type")).isEqualTo("picloud.tenant.updated");
                                found.add(state);
                            }
                        }
                        return !found.isEmpty();
                    });
        }
        return found.getFirst();
    }
}
