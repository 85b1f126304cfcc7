package fr.picloud.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.Topics;
import fr.picloud.platform.test.ApiClient;
import fr.picloud.platform.test.TestKafka;
import fr.picloud.platform.test.TestMessages;
import fr.picloud.platform.test.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The ops view over the real broker and database: what a service publishes shows in timelines, streams, lag. */
@OpsIntegrationTest
class OpsViewIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OPS = TestTokens.token("ops-alice", "dsic", "ops");

    @LocalServerPort
    int port;

    private final TestMessages messages = new TestMessages();
    private final List<SseClient> streams = new ArrayList<>();

    @AfterEach
    void close() {
        streams.forEach(SseClient::close);
        messages.close();
    }

    @Test
    void an_orders_timeline_runs_from_the_catalogue_through_the_saga_to_billing_including_unknown_types() {
        String order = UUID.randomUUID().toString();
        String offering = UUID.randomUUID().toString();
        String otherOrder = UUID.randomUUID().toString();
        Instant t = Instant.now().minusSeconds(60);
        var published = Records.event(
                Topics.CATALOG_OFFERINGS,
                "picloud.catalog.offering-published",
                offering,
                null,
                offering,
                t,
                "{\"offering\":{\"id\":\"" + offering + "\"}}");
        var placed = Records.event(
                Topics.ORDERS,
                "picloud.order.placed",
                order,
                "police",
                order,
                t.plusSeconds(1),
                "{\"orderId\":\"" + order + "\",\"offeringId\":\"" + offering + "\",\"tenant\":\"police\"}");
        var sagaStarted = Records.event(
                Topics.PROVISIONING_SAGAS,
                "picloud.provisioning.saga-started",
                "saga-1",
                "police",
                order,
                t.plusSeconds(3),
                "{\"sagaId\":\"saga-1\",\"orderId\":\"" + order + "\"}");
        var stepCompleted = Records.event(
                Topics.PROVISIONING_SAGAS,
                "picloud.provisioning.saga-step-completed",
                "saga-1",
                "police",
                order,
                t.plusSeconds(4),
                "{\"step\":\"server\"}");
        var completed = Records.event(
                Topics.PROVISIONING_OUTCOMES,
                "picloud.provisioning.completed",
                order,
                "police",
                order,
                t.plusSeconds(5),
                "{\"orderId\":\"" + order + "\"}");
        var billed = Records.event(
                Topics.BILLING,
                "picloud.billing.usage-started",
                order,
                "police",
                order,
                t.plusSeconds(6),
                "not json at all");
        var elsewhere = Records.event(
                Topics.ORDERS, "picloud.order.placed", otherOrder, "police", otherOrder, t.plusSeconds(2), "{}");
        // published out of order: the timeline orders by the events' time
        Stream.of(completed, billed, sagaStarted, placed, elsewhere, stepCompleted, published)
                .forEach(messages::send);

        JsonNode timeline = await("the order's five events and its offering's publication in the timeline")
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> get("/api/v1/ops/orders/" + order + "/timeline", OPS),
                        response -> response.status() == 200 && response.json().size() == 6)
                .json();

        assertThat(ids(timeline))
                .containsExactly(
                        Records.id(published),
                        Records.id(placed),
                        Records.id(sagaStarted),
                        Records.id(stepCompleted),
                        Records.id(completed),
                        Records.id(billed));
        assertThat(texts(timeline, "stage"))
                .containsExactly("catalogue", "order", "saga", "saga", "provisioning", "billing");
        JsonNode billing = timeline.get(5);
        assertThat(billing.path("type").asString()).isEqualTo("picloud.billing.usage-started");
        assertThat(billing.path("payload").asString()).isEqualTo("not json at all");
        assertThat(timeline.get(1).path("payload").path("offeringId").asString())
                .isEqualTo(offering);
        assertThat(timeline.get(1).path("tenant").asString()).isEqualTo("police");
        assertThat(timeline.get(1).path("correlationId").asString()).isEqualTo(order);
    }

    @Test
    void a_redelivered_event_is_stored_once() {
        String order = UUID.randomUUID().toString();
        var placed = Records.event(Topics.ORDERS, "picloud.order.placed", order, "police", order, Instant.now(), "{}");
        messages.send(placed);
        messages.send(placed);
        var approved = Records.event(
                Topics.ORDERS,
                "picloud.order.approved",
                order,
                "police",
                order,
                Instant.now().plusSeconds(1),
                "{}");
        messages.send(approved);

        await("the approval after the redelivery in the timeline")
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> get("/api/v1/ops/orders/" + order + "/timeline", OPS),
                        response ->
                                response.status() == 200 && ids(response.json()).contains(Records.id(approved)));
        assertThat(ids(get("/api/v1/ops/orders/" + order + "/timeline", OPS).json()))
                .containsExactly(Records.id(placed), Records.id(approved));
    }

    @Test
    void the_live_stream_shows_what_matches_its_filter_and_nothing_else() {
        String order = UUID.randomUUID().toString();
        SseClient byOrder = open("/api/v1/ops/events/stream?tenant=police&orderId=" + order);
        SseClient approvals = open("/api/v1/ops/events/stream?type=picloud.order.approved&tenant=police");

        var placed = Records.event(Topics.ORDERS, "picloud.order.placed", order, "police", order, Instant.now(), "{}");
        var otherTenant =
                Records.event(Topics.ORDERS, "picloud.order.approved", order, "secciv", order, Instant.now(), "{}");
        var otherOrder = Records.event(
                Topics.ORDERS,
                "picloud.order.approved",
                UUID.randomUUID().toString(),
                "police",
                UUID.randomUUID().toString(),
                Instant.now(),
                "{}");
        var step = Records.event(
                Topics.PROVISIONING_SAGAS,
                "picloud.provisioning.saga-step-started",
                "saga-2",
                "police",
                order,
                Instant.now(),
                "{\"step\":\"network\"}");
        var approved =
                Records.event(Topics.ORDERS, "picloud.order.approved", order, "police", order, Instant.now(), "{}");
        Stream.of(placed, otherTenant, otherOrder, step, approved).forEach(messages::send);

        await("the order's three police events on the order's stream")
                .atMost(Duration.ofSeconds(30))
                .until(() -> byOrder.ids().size() >= 3 && approvals.ids().size() >= 2);
        assertThat(byOrder.ids()).containsExactlyInAnyOrder(Records.id(placed), Records.id(step), Records.id(approved));
        assertThat(approvals.ids()).containsExactlyInAnyOrder(Records.id(otherOrder), Records.id(approved));
        assertThat(byOrder.eventNames()).contains("picloud.provisioning.saga-step-started");
        assertThat(byOrder.data().getFirst().path("topic").asString()).isIn(Topics.ORDERS, Topics.PROVISIONING_SAGAS);
    }

    @Test
    void consumer_lag_is_reported_per_group_and_topic_and_as_a_gauge() throws Exception {
        String topic = "ops-it.lag." + UUID.randomUUID();
        String group = "ops-it-lagging-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            for (int i = 0; i < 5; i++) {
                messages.send(new ProducerRecord<>(topic, "k" + i, new byte[] {1}));
            }
            // the group read one record of five
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(1)))
                    .all()
                    .get();
        }

        JsonNode consumers = get("/api/v1/ops/consumers", OPS).json();

        JsonNode lagging = null;
        for (JsonNode entry : consumers) {
            if (entry.path("group").asString().equals(group)) {
                lagging = entry;
            }
        }
        assertThat(lagging).as("group %s in %s", group, consumers).isNotNull();
        assertThat(lagging.path("topic").asString()).isEqualTo(topic);
        assertThat(lagging.path("lag").asLong()).isEqualTo(4);
        assertThat(lagging.path("partitions").get(0).path("committed").asLong()).isEqualTo(1);
        assertThat(lagging.path("partitions").get(0).path("end").asLong()).isEqualTo(5);
        assertThat(get("/actuator/prometheus", OPS).raw().body())
                .contains("picloud_kafka_consumer_lag{group=\"" + group + "\",topic=\"" + topic + "\"} 4.0");
    }

    @Test
    void a_failed_compensation_is_an_alert_until_a_later_compensation_succeeds() {
        String order = UUID.randomUUID().toString();
        Instant t = Instant.now().minusSeconds(30);
        messages.send(Records.event(
                Topics.PROVISIONING_SAGAS,
                "picloud.provisioning.saga-started",
                "saga-3",
                "police",
                order,
                t,
                "{\"sagaId\":\"saga-3\",\"kind\":\"PROVISION\"}"));
        var failed = Records.event(
                Topics.PROVISIONING_OUTCOMES,
                "picloud.provisioning.compensation-failed",
                order,
                "police",
                order,
                t.plusSeconds(1),
                "{\"orderId\":\"" + order + "\",\"sagaId\":\"saga-3\",\"reason\":\"volume stuck in-use\"}");
        messages.send(failed);

        JsonNode alert = await("the failed compensation among the alerts")
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> find(get("/api/v1/ops/alerts", OPS).json().path("compensationFailures"), order),
                        found -> found != null);
        assertThat(alert.path("sagaId").asString()).isEqualTo("saga-3");
        assertThat(alert.path("detail").asString()).isEqualTo("volume stuck in-use");
        assertThat(find(get("/api/v1/ops/alerts", OPS).json().path("stuckSagas"), order))
                .isNull();

        messages.send(Records.event(
                Topics.PROVISIONING_OUTCOMES,
                "picloud.provisioning.compensated",
                order,
                "police",
                order,
                t.plusSeconds(20),
                "{\"orderId\":\"" + order + "\",\"reason\":\"retried\"}"));

        await("the alert cleared by the successful compensation")
                .atMost(Duration.ofSeconds(30))
                .until(() -> find(get("/api/v1/ops/alerts", OPS).json().path("compensationFailures"), order) == null);
        assertThat(get("/actuator/prometheus", OPS).raw().body())
                .contains("picloud_ops_saga_alerts{kind=\"STUCK_SAGA\"}");
    }

    @Test
    void only_ops_may_look() {
        String agent = TestTokens.token("agent-police", "police", "agent");
        for (String path : List.of(
                "/api/v1/ops/events/stream",
                "/api/v1/ops/events",
                "/api/v1/ops/orders/" + UUID.randomUUID() + "/timeline",
                "/api/v1/ops/consumers",
                "/api/v1/ops/dead-letters",
                "/api/v1/ops/alerts")) {
            ApiClient.Response response = get(path, agent);
            assertThat(response.status()).as(path).isEqualTo(403);
            assertThat(response.header("Content-Type")).as(path).startsWith("application/problem+json");
        }
        assertThat(new ApiClient(port)
                        .post("/api/v1/ops/dead-letters/error.picloud.orders.x/replay", agent, "")
                        .status())
                .isEqualTo(403);
        assertThat(get("/api/v1/ops/events/stream", null).status()).isEqualTo(401);
    }

    @Test
    void an_unknown_order_has_no_timeline() {
        ApiClient.Response response = get("/api/v1/ops/orders/" + UUID.randomUUID() + "/timeline", OPS);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    private ApiClient.Response get(String path, String token) {
        return new ApiClient(port).get(path, token);
    }

    private static List<String> ids(JsonNode events) {
        return texts(events, "eventId");
    }

    private static List<String> texts(JsonNode events, String field) {
        List<String> values = new ArrayList<>();
        events.forEach(event -> values.add(event.path(field).asString()));
        return values;
    }

    private static JsonNode find(JsonNode alerts, String order) {
        for (JsonNode alert : alerts) {
            if (alert.path("orderId").asString().equals(order)) {
                return alert;
            }
        }
        return null;
    }

    private SseClient open(String path) {
        SseClient client = new SseClient(URI.create("http://localhost:" + port + path), OPS);
        streams.add(client);
        return client;
    }

    /** Reads a server-sent event stream on a thread of its own; returns once the server said it is connected. */
    static final class SseClient {

        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private final CompletableFuture<HttpResponse<Stream<String>>> response;

        SseClient(URI uri, String token) {
            HttpClient http = HttpClient.newHttpClient();
            response = http.sendAsync(
                    HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer " + token)
                            .header("Accept", "text/event-stream")
                            .build(),
                    HttpResponse.BodyHandlers.ofLines());
            Thread.ofVirtual().start(() -> {
                try {
                    response.join().body().forEach(lines::add);
                } catch (RuntimeException e) {
                    // closed by the test
                }
            });
            try {
                await("the stream to open").atMost(Duration.ofSeconds(30)).until(() -> lines.contains(":connected"));
            } catch (ConditionTimeoutException e) {
                String status = response.isDone() && !response.isCompletedExceptionally()
                        ? String.valueOf(response.join().statusCode())
                        : "no response";
                throw new AssertionError(uri + " did not open within 30 s: " + status + ", read " + lines, e);
            }
        }

        List<String> ids() {
            return field("id:");
        }

        List<String> eventNames() {
            return field("event:");
        }

        List<JsonNode> data() {
            return field("data:").stream().map(JSON::readTree).toList();
        }

        private List<String> field(String prefix) {
            synchronized (lines) {
                return lines.stream()
                        .filter(line -> line.startsWith(prefix))
                        .map(line -> line.substring(prefix.length()))
                        .toList();
            }
        }

        void close() {
            response.thenAccept(open -> open.body().close());
            response.cancel(true);
        }
    }
}
