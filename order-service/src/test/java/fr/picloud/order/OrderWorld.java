package fr.picloud.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.EventEnvelope;
import fr.picloud.contracts.LocalizedText;
import fr.picloud.contracts.Message;
import fr.picloud.contracts.MessageCatalog;
import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import fr.picloud.contracts.offering.OfferingEvent;
import fr.picloud.contracts.offering.OfferingPublished;
import fr.picloud.contracts.offering.OfferingRetired;
import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.contracts.offering.PriceList;
import fr.picloud.contracts.offering.PriceUnit;
import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.platform.messaging.CloudEventCodec;
import fr.picloud.platform.messaging.OutboundEvent;
import fr.picloud.platform.test.ApiClient;
import fr.picloud.platform.test.TestKafka;
import fr.picloud.platform.test.TestTokens;
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
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The world an order test acts in: the reference VM stack in the replica (through the real
 * catalogue topic), tenants made through the admin API, orders placed through the API, provisioning
 * outcomes sent over Kafka, and the ledger invariant checked in the database.
 */
public final class OrderWorld implements AutoCloseable {

    public static final String ADMIN = TestTokens.token("platform-admin", "dsic", "platform-admin");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public final ApiClient api;
    private final JdbcTemplate jdbc;
    private final KafkaProducer<String, byte[]> producer;

    public OrderWorld(int port, JdbcTemplate jdbc) {
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

    // ---- offerings ---------------------------------------------------------------------------

    /** The catalogue's reference VM stack (see catalog-service's seed), published, under a new id. */
    public static OfferingState vmStack(UUID offeringId, String status) {
        Map<String, Object> schema = Map.of(
                "$schema",
                "https://json-schema.org/draft/2020-12/schema",
                "type",
                "object",
                "additionalProperties",
                false,
                "required",
                List.of("flavor", "diskGb", "image", "instanceCount", "floatingIp"),
                "properties",
                Map.of(
                        "flavor", Map.of("type", "string", "enum", List.of("m1.small", "m1.medium", "m1.large")),
                        "diskGb", Map.of("type", "integer", "minimum", 10, "maximum", 2000),
                        "image", Map.of("type", "string", "enum", List.of("debian-12", "rocky-9")),
                        "instanceCount", Map.of("type", "integer", "minimum", 1, "maximum", 10),
                        "floatingIp", Map.of("type", "boolean")));
        ResourceTemplate template = new ResourceTemplate(
                Map.of(
                        "m1.small", new ResourceTemplate.Flavor(1, 2),
                        "m1.medium", new ResourceTemplate.Flavor(2, 4),
                        "m1.large", new ResourceTemplate.Flavor(4, 8)),
                List.of(
                        new ResourceTemplate.Resource("network", "network", List.of(), null, null, Map.of()),
                        new ResourceTemplate.Resource(
                                "data-volume",
                                "volume",
                                List.of(),
                                "${instanceCount}",
                                null,
                                Map.of("sizeGb", "${diskGb}")),
                        new ResourceTemplate.Resource(
                                "server",
                                "server",
                                List.of("network"),
                                "${instanceCount}",
                                null,
                                Map.of("flavor", "${flavor}", "image", "${image}")),
                        new ResourceTemplate.Resource(
                                "floating-ip", "floating-ip", List.of("server"), null, "${floatingIp}", Map.of())));
        return new OfferingState(
                offeringId,
                1,
                "vm-" + offeringId.toString().substring(0, 8),
                new LocalizedText("Pile VM", "VM stack"),
                new LocalizedText("Réseau, VM et volume", "Network, VM and volume"),
                "COMPUTE",
                new OfferingState.Provider("pi-cloud", "PI Cloud", true, "FR"),
                List.of("vm"),
                "GOLD",
                "1.0",
                status,
                schema,
                template,
                List.of(new PriceList(1, LocalDate.of(2020, 1, 1), "EUR", PRICES)));
    }

    public static final Map<PriceUnit, BigDecimal> PRICES = Map.of(
            PriceUnit.VCPU_HOUR, new BigDecimal("0.0125"),
            PriceUnit.RAM_GB_HOUR, new BigDecimal("0.0042"),
            PriceUnit.VOLUME_GB_MONTH, new BigDecimal("0.045"),
            PriceUnit.FLOATING_IP_HOUR, new BigDecimal("0.004"),
            PriceUnit.SETUP_FEE, new BigDecimal("25"));

    /** Publishes an offering on the catalogue topic and waits until the replica holds it. */
    public UUID offering(String status) {
        return offering(vmStack(UUID.randomUUID(), status));
    }

    /** Publishes this offering state on the catalogue topic and waits until the replica holds it. */
    public UUID offering(OfferingState state) {
        UUID offeringId = state.offeringId();
        String status = state.status();
        OfferingEvent event = "RETIRED".equals(status) ? new OfferingRetired(state) : new OfferingPublished(state);
        send(Topics.CATALOG_OFFERINGS, event.aggregateId(), event, null);
        await("offering " + offeringId + " in the replica")
                .atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from offering_replica where offering_id = ?",
                                Integer.class,
                                offeringId)
                        == 1);
        return offeringId;
    }

    // ---- tenants -----------------------------------------------------------------------------

    /**
     * A fresh directorate of the interior ministry with cost centre {@code CC-1}.
     *
     * @param instances its instance quota; the other quotas are ample
     */
    public String tenant(int instances, String autoApproveBelow, String twoApprovalsAbove) {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Response created =
                api.post("/api/v1/tenants", ADMIN, """
                {"id": "%s", "name": "Direction de test", "kind": "DIRECTORATE", "parentId": "interieur",
                 "costCenters": [{"code": "CC-1", "name": "Centre de test"}],
                 "quota": {"vcpus": 1000, "ramGb": 4000, "volumeGb": 100000, "instances": %d, "floatingIps": 100,
                           "monthlyBudget": 1000000},
                 "approvalPolicy": {"autoApproveBelow": %s, "autoApproveCategories": [], "twoApprovalsAbove": %s,
                                    "escalateAfter": "PT48H", "expireAfter": "PT120H"}}
                """.formatted(id, instances, autoApproveBelow, twoApprovalsAbove));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return id;
    }

    public static String agent(String subject, String tenant) {
        return TestTokens.token(subject, tenant, "agent");
    }

    public static String approver(String subject, String tenant) {
        return TestTokens.token(subject, tenant, "approver");
    }

    // ---- orders ------------------------------------------------------------------------------

    public static String body(UUID offeringId, String costCenter, String parameters) {
        return """
                {"offeringId": "%s", "parameters": %s, "costCenter": "%s", "justification": "new application"}
                """.formatted(offeringId, parameters, costCenter);
    }

    /** One m1.small server with a 10 GB volume and no public address. */
    public static final String SMALL_VM =
            "{\"flavor\": \"m1.small\", \"diskGb\": 10, \"image\": \"debian-12\", \"instanceCount\": 1, \"floatingIp\": false}";

    public ApiClient.Response place(String token, String body) {
        return api.post(
                "/api/v1/orders",
                token,
                body,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    }

    /** Places an order that must be accepted; returns its id. */
    public UUID placed(String token, UUID offeringId, String tenantCostCenter) {
        ApiClient.Response response = place(token, body(offeringId, tenantCostCenter, SMALL_VM));
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        return UUID.fromString(response.json().path("id").asString());
    }

    public JsonNode order(UUID orderId, String token) {
        ApiClient.Response response = api.get("/api/v1/orders/" + orderId, token);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.json();
    }

    public String status(UUID orderId, String token) {
        return order(orderId, token).path("status").asString();
    }

    public int countOrdersOf(String tenant) {
        return jdbc.queryForObject("select count(*) from customer_order where tenant_id = ?", Integer.class, tenant);
    }

    public int countOrders() {
        return jdbc.queryForObject("select count(*) from customer_order", Integer.class);
    }

    // ---- provisioning ------------------------------------------------------------------------

    /** Sends a provisioning outcome as provisioning-service would; returns the record to send it again. */
    public ProducerRecord<String, byte[]> sendOutcome(fr.picloud.contracts.provisioning.ProvisioningOutcome outcome) {
        return send(Topics.PROVISIONING_OUTCOMES, outcome.aggregateId(), outcome, outcome.aggregateId());
    }

    public ProducerRecord<String, byte[]> send(String topic, String key, Message message, String correlationId) {
        MessageType type = MessageCatalog.typeOf(message.getClass());
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(),
                type.type(),
                type.version(),
                "/picloud/test",
                key,
                Instant.now(),
                correlationId == null ? key : correlationId,
                null,
                null);
        ProducerRecord<String, byte[]> record =
                CloudEventCodec.toRecord(new OutboundEvent(topic, key, envelope, JSON.writeValueAsString(message)));
        send(record);
        return record;
    }

    public void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send to the test broker", e);
        }
    }

    /** The records of a topic keyed by this order, as the outbox relay sent them, until {@code types} all arrived. */
    public static List<ConsumerRecord<String, byte[]>> recordsOf(String topic, UUID orderId, String... types) {
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
            await("records " + List.of(types) + " of order " + orderId + " on " + topic)
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                            if (orderId.toString().equals(record.key())) {
                                found.add(record);
                            }
                        });
                        return found.stream()
                                .map(record -> header(record, "ce_type"))
                                .toList()
                                .containsAll(List.of(types));
                    });
        }
        return found;
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static JsonNode payload(ConsumerRecord<String, byte[]> record) {
        return JSON.readTree(record.value());
    }

    // ---- the ledger invariant ----------------------------------------------------------------

    /**
     * No reservation leaks: each tenant's in-use counters are the sum of its held and committed
     * reservations, and each order's reservation is in the state its status calls for.
     */
    public void assertLedgerConsistent() {
        List<Map<String, Object>> counterMismatches = jdbc.queryForList("""
                select q.tenant_id from tenant_quota q
                left join (select tenant_id, sum(vcpus) v, sum(ram_gb) r, sum(volume_gb) g, sum(instances) i,
                                  sum(floating_ips) f, sum(monthly_amount) b
                           from quota_reservation where state in ('HELD', 'COMMITTED') group by tenant_id) s
                  on s.tenant_id = q.tenant_id
                where q.used_vcpus <> coalesce(s.v, 0) or q.used_ram_gb <> coalesce(s.r, 0)
                   or q.used_volume_gb <> coalesce(s.g, 0) or q.used_instances <> coalesce(s.i, 0)
                   or q.used_floating_ips <> coalesce(s.f, 0) or q.used_budget <> coalesce(s.b, 0)""");
        assertThat(counterMismatches)
                .as("tenants whose in-use counters differ from their reservations")
                .isEmpty();
        List<Map<String, Object>> stateMismatches = jdbc.queryForList("""
                select o.id, o.status, r.state from customer_order o
                left join quota_reservation r on r.order_id = o.id
                where coalesce(r.state, 'NONE') <> case
                    when o.status in ('REJECTED', 'CANCELLED', 'DECOMMISSIONED') then 'RELEASED'
                    when o.status = 'FAILED' and exists (select 1 from order_timeline t
                        where t.order_id = o.id and t.action = 'COMPENSATED') then 'RELEASED'
                    when o.status in ('COMPLETED', 'DECOMMISSIONING') then 'COMMITTED'
                    else 'HELD' end""");
        assertThat(stateMismatches)
                .as("orders whose reservation is not in the state their status calls for")
                .isEmpty();
        assertThat(jdbc.queryForObject("""
                        select count(*) from quota_reservation r
                        where not exists (select 1 from customer_order o where o.id = r.order_id)
                          and not exists (select 1 from order_operation p where p.id = r.order_id)""", Integer.class))
                .as("reservations of neither an order nor a day-2 operation")
                .isZero();
        List<Map<String, Object>> operationMismatches = jdbc.queryForList("""
                select p.id, p.status, r.state from order_operation p
                join quota_reservation r on r.order_id = p.id
                where r.state <> case
                    when p.status in ('PENDING_APPROVAL', 'RUNNING') then 'HELD'
                    when p.status = 'COMPLETED' then 'MERGED'
                    else 'RELEASED' end""");
        assertThat(operationMismatches)
                .as("day-2 operations whose growth is not in the state their status calls for")
                .isEmpty();
    }
}
