package fr.picloud.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.billing.metering.application.Metering;
import fr.picloud.contracts.EventEnvelope;
import fr.picloud.contracts.LocalizedText;
import fr.picloud.contracts.Message;
import fr.picloud.contracts.MessageCatalog;
import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.offering.OfferingPublished;
import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.contracts.offering.PriceList;
import fr.picloud.contracts.offering.PriceUnit;
import fr.picloud.contracts.order.OperationType;
import fr.picloud.contracts.order.OrderPlaced;
import fr.picloud.contracts.order.OrderQuote;
import fr.picloud.contracts.provisioning.DecommissionCompleted;
import fr.picloud.contracts.provisioning.OperationCompleted;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.contracts.provisioning.ProvisioningCompleted;
import fr.picloud.contracts.tenant.TenantState;
import fr.picloud.contracts.tenant.TenantUpdated;
import fr.picloud.platform.messaging.CloudEventCodec;
import fr.picloud.platform.messaging.OutboundEvent;
import fr.picloud.platform.test.ApiClient;
import fr.picloud.platform.test.TestKafka;
import fr.picloud.platform.test.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The world a billing test acts in: offerings with price versions, tenants, orders and their
 * resources, told to billing as the other services' events, either straight to the metering
 * service (controlled order, duplicates) or over the real broker.
 */
public final class BillingWorld implements AutoCloseable {

    public static final String FINANCE = TestTokens.token("finance-1", "dsic", "finance");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static final Map<PriceUnit, BigDecimal> PRICES = Map.of(
            PriceUnit.VCPU_HOUR, new BigDecimal("0.0125"),
            PriceUnit.RAM_GB_HOUR, new BigDecimal("0.0042"),
            PriceUnit.VOLUME_GB_MONTH, new BigDecimal("0.045"),
            PriceUnit.FLOATING_IP_HOUR, new BigDecimal("0.004"),
            PriceUnit.SETUP_FEE, new BigDecimal("25"));

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final ApiClient api;
    private final int port;
    private final Metering metering;
    private KafkaProducer<String, byte[]> producer;

    public BillingWorld(int port, Metering metering) {
        this.api = new ApiClient(port);
        this.port = port;
        this.metering = metering;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
    }

    // ---- objects ------------------------------------------------------------------------------

    public static OfferingState offering(UUID offeringId, long revision, PriceList... versions) {
        return new OfferingState(
                offeringId,
                revision,
                "vm-" + offeringId.toString().substring(0, 8),
                new LocalizedText("Pile VM", "VM stack"),
                new LocalizedText("Réseau, VM et volume", "Network, VM and volume"),
                "COMPUTE",
                new OfferingState.Provider("pi-cloud", "PI Cloud", true, "FR"),
                List.of("vm"),
                "GOLD",
                "1.0",
                "PUBLISHED",
                Map.of("type", "object"),
                null,
                List.of(versions));
    }

    public static PriceList prices(int version, LocalDate from, Map<PriceUnit, BigDecimal> rates) {
        return new PriceList(version, from, "EUR", rates);
    }

    public static TenantState directorate(String id, String ministry, String budget) {
        return new TenantState(
                id,
                1,
                "Direction " + id,
                "DIRECTORATE",
                ministry,
                List.of(new TenantState.CostCenter("CC-1", "Centre 1"), new TenantState.CostCenter("CC-2", "Centre 2")),
                new BigDecimal(budget),
                new TenantState.Quota(1000, 4000, 100000, 100, 100));
    }

    public static TenantState ministry(String id, String budget) {
        return new TenantState(
                id,
                1,
                "Ministère " + id,
                "MINISTRY",
                null,
                List.of(new TenantState.CostCenter("CC-1", "Cabinet")),
                new BigDecimal(budget),
                new TenantState.Quota(1000, 4000, 100000, 100, 100));
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static OrderPlaced placed(UUID orderId, String tenant, UUID offeringId, String costCenter) {
        return new OrderPlaced(
                orderId,
                tenant,
                "agent-" + tenant,
                offeringId,
                "vm",
                costCenter,
                Map.of(),
                new OrderQuote("EUR", 1, new BigDecimal("10.00"), new BigDecimal("25.00")),
                "APPROVED");
    }

    public static ProvisionedResource server(String id, int vcpus, int ramGb, Instant createdAt) {
        return new ProvisionedResource("server-0", "server", id, "m1.custom", vcpus, ramGb, null, null, createdAt);
    }

    public static ProvisionedResource volume(String id, int sizeGb, Instant createdAt) {
        return new ProvisionedResource("data-volume-0", "volume", id, null, null, null, sizeGb, null, createdAt);
    }

    public static ProvisionedResource network(String id, Instant createdAt) {
        return new ProvisionedResource("network", "network", id, null, null, null, null, null, createdAt);
    }

    public static ProvisioningCompleted completed(
            UUID orderId, String tenant, UUID offeringId, Instant at, ProvisionedResource... resources) {
        return new ProvisioningCompleted(orderId, List.of(resources), tenant, offeringId, UUID.randomUUID(), at);
    }

    /** A day-2 operation on an order that took effect at {@code at}. */
    public static OperationCompleted operated(
            UUID orderId, String tenant, OperationType type, ProvisionedResource resource, Instant at) {
        return new OperationCompleted(
                UUID.randomUUID(),
                orderId,
                tenant,
                type,
                type == OperationType.DELETE_SNAPSHOT ? null : resource,
                type == OperationType.DELETE_SNAPSHOT ? resource : null,
                null,
                at);
    }

    public static DecommissionCompleted decommissioned(
            UUID orderId, String tenant, Instant at, ProvisionedResource... resources) {
        return new DecommissionCompleted(orderId, tenant, List.of(resources), at);
    }

    // ---- straight to metering ------------------------------------------------------------------

    /** Hands an event to the metering service as its consumer would, under a fresh event id. */
    public void tell(Message message) {
        switch (message) {
            case OfferingPublished event -> metering.replicate(event);
            case TenantUpdated event -> metering.replicate(event);
            case OrderPlaced event -> metering.placed(event);
            case ProvisioningCompleted event ->
                metering.provisioned(event, envelope(event, event.orderId().toString()));
            case DecommissionCompleted event ->
                metering.decommissioned(event, envelope(event, event.orderId().toString()));
            case OperationCompleted event ->
                metering.operated(event, envelope(event, event.orderId().toString()));
            default -> throw new IllegalArgumentException("billing does not consume " + message);
        }
    }

    public void tenant(TenantState tenant) {
        tell(new TenantUpdated(tenant));
    }

    private static EventEnvelope envelope(Message message, String key) {
        MessageType type = MessageCatalog.typeOf(message.getClass());
        return new EventEnvelope(
                UUID.randomUUID(), type.type(), type.version(), "/picloud/test", key, Instant.now(), key, null, null);
    }

    // ---- over the broker -----------------------------------------------------------------------

    public void send(String topic, String key, Message message) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        }
        OutboundEvent event = new OutboundEvent(topic, key, envelope(message, key), JSON.writeValueAsString(message));
        try {
            producer.send(CloudEventCodec.toRecord(event)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send to the test broker", e);
        }
    }

    /** The payloads of a topic's records under a key, once {@code count} of them arrived. */
    public static List<JsonNode> recordsOn(String topic, String key, int count) {
        List<JsonNode> found = new java.util.ArrayList<>();
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
            await("%d records keyed %s on %s".formatted(count, key, topic))
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        for (var record : consumer.poll(Duration.ofMillis(300))) {
                            if (key.equals(record.key())) {
                                found.add(JSON.readTree(record.value()));
                            }
                        }
                        return found.size() >= count;
                    });
        }
        return found;
    }

    // ---- reading -------------------------------------------------------------------------------

    public JsonNode statement(String tenant, String period) {
        ApiClient.Response response = api.get("/api/v1/statements/" + tenant + "/" + period, FINANCE);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.json();
    }

    public JsonNode chargeback(String period) {
        ApiClient.Response response = api.get("/api/v1/chargeback/" + period, FINANCE);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        JsonNode chargeback = response.json();
        assertThat(chargeback.path("reconciled").asBoolean())
                .as("reconciled: %s", chargeback.path("discrepancies"))
                .isTrue();
        return chargeback;
    }

    /** A GET asking for CSV: status, content type and body. */
    public record Csv(int status, String contentType, String body) {}

    public Csv csv(String path, String token) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Authorization", "Bearer " + token)
                            .header("Accept", "text/csv")
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Csv(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public ApiClient.Response close(String period) {
        return api.post("/api/v1/periods/" + period + "/close", FINANCE, "");
    }
}
