package fr.picloud.billing;

import static fr.picloud.billing.BillingWorld.FINANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.billing.metering.application.Metering;
import fr.picloud.contracts.EventEnvelope;
import fr.picloud.contracts.Topics;
import fr.picloud.contracts.offering.OfferingPublished;
import fr.picloud.contracts.provisioning.ProvisioningCompleted;
import fr.picloud.contracts.tenant.TenantUpdated;
import fr.picloud.platform.messaging.CloudEventCodec;
import fr.picloud.platform.messaging.OutboundEvent;
import fr.picloud.platform.test.MutableClock;
import fr.picloud.platform.test.TestKafka;
import fr.picloud.platform.test.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/** From events on the real broker to the CSV finance downloads. */
@BillingServiceIT
class ProvisionedEventToCsvIT {

    private static final List<String> COLUMNS = List.of(
            "period",
            "status",
            "tenant",
            "ministry",
            "cost_center",
            "line_id",
            "line_kind",
            "order_id",
            "saga_id",
            "offering_code",
            "resource_id",
            "resource_name",
            "resource_kind",
            "unit",
            "quantity",
            "usage_from",
            "usage_to",
            "seconds",
            "price_version",
            "unit_price",
            "amount",
            "currency",
            "corrects_period",
            "corrects_line_id");

    @LocalServerPort
    int port;

    @Autowired
    Metering metering;

    @Autowired
    MutableClock clock;

    BillingWorld world;

    @BeforeEach
    void world() {
        world = new BillingWorld(port, metering);
        clock.set(Instant.parse("2025-11-20T12:00:00Z"));
    }

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void a_provisioned_event_on_the_broker_becomes_a_csv_line_finance_can_read() throws Exception {
        UUID offering = UUID.randomUUID();
        String tenant = BillingWorld.unique("dir");
        world.send(
                Topics.CATALOG_OFFERINGS,
                offering.toString(),
                new OfferingPublished(BillingWorld.offering(
                        offering, 1, BillingWorld.prices(1, LocalDate.of(2025, 1, 1), BillingWorld.PRICES))));
        world.send(Topics.TENANTS, tenant, new TenantUpdated(BillingWorld.directorate(tenant, "interieur", "50000")));
        UUID order = UUID.randomUUID();
        world.send(Topics.ORDERS, order.toString(), BillingWorld.placed(order, tenant, offering, "CC-2"));
        String serverId = BillingWorld.unique("srv");
        Instant ready = Instant.parse("2025-11-20T10:00:00Z");
        ProvisioningCompleted completed =
                BillingWorld.completed(order, tenant, offering, ready, BillingWorld.server(serverId, 2, 4, ready));
        world.send(Topics.PROVISIONING_OUTCOMES, order.toString(), completed);
        world.send(Topics.PROVISIONING_OUTCOMES, order.toString(), completed);

        await("the server's vCPU line in the CSV of " + tenant)
                .atMost(Duration.ofSeconds(60))
                .until(() -> rows(world.csv("/api/v1/chargeback/2025-11?tenant=" + tenant, FINANCE)
                                .body())
                        .stream()
                        .anyMatch(row -> row.get("unit").equals("VCPU_HOUR")
                                && row.get("cost_center").equals("CC-2")));

        BillingWorld.Csv csv = world.csv("/api/v1/chargeback/2025-11?tenant=" + tenant, FINANCE);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().lines().findFirst().orElseThrow()).isEqualTo(String.join(",", COLUMNS));
        List<Map<String, String>> rows = rows(csv.body());
        assertThat(rows).extracting(row -> row.get("unit")).containsExactly("SETUP_FEE", "VCPU_HOUR", "RAM_GB_HOUR");
        Map<String, String> vcpu = rows.get(1);
        assertThat(vcpu)
                .containsEntry("period", "2025-11")
                .containsEntry("status", "OPEN")
                .containsEntry("tenant", tenant)
                .containsEntry("ministry", "interieur")
                .containsEntry("order_id", order.toString())
                .containsEntry("saga_id", completed.sagaId().toString())
                .containsEntry("resource_id", serverId)
                .containsEntry("usage_from", "2025-11-20T10:00:00Z")
                .containsEntry("usage_to", "2025-11-20T12:00:00Z")
                .containsEntry("seconds", "7200")
                .containsEntry("quantity", "2")
                .containsEntry("unit_price", "0.0125")
                .containsEntry("amount", "0.05")
                .containsEntry("currency", "EUR")
                .containsEntry("line_kind", "USAGE");

        String otherTenant = TestTokens.token("agent-x", "justice", "agent");
        assertThat(world.csv("/api/v1/chargeback/2025-11?tenant=" + tenant, otherTenant)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void usage_of_an_unknown_offering_is_held_aside_and_reported_then_charged_once_priced() {
        UUID offering = UUID.randomUUID();
        String tenant = BillingWorld.unique("dir");
        world.tenant(BillingWorld.directorate(tenant, "interieur", "50000"));
        UUID order = UUID.randomUUID();
        Instant ready = Instant.parse("2025-11-20T11:00:00Z");
        world.tell(BillingWorld.placed(order, tenant, offering, "CC-1"));
        world.tell(BillingWorld.completed(
                order, tenant, offering, ready, BillingWorld.volume(BillingWorld.unique("vol"), 100, ready)));

        assertThat(world.statement(tenant, "2025-11").path("lines").isEmpty()).isTrue();
        assertThat(world.api.post("/api/v1/unpriced/refresh", FINANCE, "").status())
                .isEqualTo(200);
        var held = world.api.get("/api/v1/unpriced", FINANCE).json();
        assertThat(held.findValuesAsString("orderId")).contains(order.toString());
        assertThat(world.api
                        .get("/actuator/metrics/picloud.billing.unpriced", TestTokens.token("ops", "dsic", "ops"))
                        .json()
                        .path("measurements")
                        .get(0)
                        .path("value")
                        .asDouble())
                .isPositive();

        world.tell(new OfferingPublished(BillingWorld.offering(
                offering, 1, BillingWorld.prices(1, LocalDate.of(2025, 1, 1), BillingWorld.PRICES))));

        assertThat(world.statement(tenant, "2025-11").path("lines").findValuesAsString("unit"))
                .containsExactly("SETUP_FEE", "VOLUME_GB_MONTH");
        assertThat(world.api
                        .post("/api/v1/unpriced/refresh", FINANCE, "")
                        .json()
                        .findValuesAsString("orderId"))
                .doesNotContain(order.toString());
    }

    @Test
    void an_unreadable_provisioning_event_goes_to_the_dead_letter_topic() {
        String key = UUID.randomUUID().toString();
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(),
                "picloud.provisioning.completed",
                1,
                "/picloud/test",
                key,
                Instant.now(),
                key,
                null,
                null);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers(),
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
                KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        TestKafka.get().bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-dlq-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                        StringDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                        ByteArrayDeserializer.class))) {
            producer.send(CloudEventCodec.toRecord(
                    new OutboundEvent(Topics.PROVISIONING_OUTCOMES, key, envelope, "{\"orderId\": \"not-a-uuid\"}")));
            producer.flush();
            consumer.subscribe(List.of(Topics.deadLetterOf(Topics.PROVISIONING_OUTCOMES, "billing-service")));
            await("the unreadable event on the dead-letter topic")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        for (var record : consumer.poll(Duration.ofMillis(300))) {
                            if (key.equals(record.key())) {
                                return true;
                            }
                        }
                        return false;
                    });
        }
    }

    private static List<Map<String, String>> rows(String csv) throws Exception {
        CsvMapper mapper = CsvMapper.builder().build();
        try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(csv)) {
            return rows.readAll();
        }
    }
}
