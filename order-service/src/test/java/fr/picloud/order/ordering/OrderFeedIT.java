package fr.picloud.order.ordering;

import static fr.picloud.order.OrderWorld.agent;
import static fr.picloud.order.OrderWorld.approver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.Topics;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.contracts.provisioning.SagaEvent;
import fr.picloud.contracts.provisioning.SagaStarted;
import fr.picloud.contracts.provisioning.SagaStepCompleted;
import fr.picloud.contracts.provisioning.SagaStepStarted;
import fr.picloud.order.OrderServiceIT;
import fr.picloud.order.OrderWorld;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The portal's live tracking: server-sent events per order and per tenant. */
@OrderServiceIT
class OrderFeedIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    OrderWorld world;
    HttpClient http;

    @BeforeEach
    void world() {
        world = new OrderWorld(port, jdbc);
        http = HttpClient.newHttpClient();
    }

    @AfterEach
    void close() {
        world.close();
        // close() would wait for the open feeds to end, which they never do
        http.shutdownNow();
    }

    @Test
    void each_transition_is_pushed_to_the_orders_feed_and_to_its_tenants_feed_only() {
        UUID offering = world.offering("PUBLISHED");
        String tenant = world.tenant(50, "1", "1000");
        String agent = agent("agent-" + tenant, tenant);
        UUID order = world.placed(agent, offering, "CC-1");
        List<String> orderFeed = open("/api/v1/orders/" + order + "/events", agent);
        List<String> tenantFeed = open("/api/v1/orders/events", agent);
        List<String> otherTenantFeed = open("/api/v1/orders/events", agent("agent-secciv", "secciv"));

        world.api.post("/api/v1/orders/" + order + "/approve", approver("ann", tenant), "");

        await("APPROVED and PROVISIONING_REQUESTED on the feeds of order " + order)
                .atMost(Duration.ofSeconds(30))
                .until(() -> String.join("\n", orderFeed).contains("PROVISIONING_REQUESTED")
                        && String.join("\n", tenantFeed).contains("PROVISIONING_REQUESTED"));
        assertThat(String.join("\n", orderFeed)).contains("\"action\":\"APPROVED\"", "\"actor\":\"ann\"");
        assertThat(String.join("\n", otherTenantFeed)).doesNotContain(order.toString());
    }

    @Test
    void each_step_of_the_orders_saga_is_kept_as_its_progress_and_pushed_to_its_feed() throws Exception {
        UUID offering = world.offering("PUBLISHED");
        String tenant = world.tenant(50, "1", "1000");
        String agent = agent("agent-" + tenant, tenant);
        UUID order = world.placed(agent, offering, "CC-1");
        List<String> orderFeed = open("/api/v1/orders/" + order + "/events", agent);
        UUID saga = UUID.randomUUID();

        sendSaga(new SagaStarted(saga, order, tenant, "PROVISION", List.of("network", "server")));
        sendSaga(new SagaStepStarted(saga, order, "network", 1));
        ProducerRecord<String, byte[]> completed = sendSaga(
                new SagaStepCompleted(saga, order, "network", new ProvisionedResource("net", "network", "n-1"), 40));

        await("the network step DONE in order " + order + "'s progress and on its feed")
                .atMost(Duration.ofSeconds(30))
                .until(() -> String.join("\n", orderFeed).contains("\"state\":\"DONE\""));
        world.send(completed); // a redelivery changes nothing
        JsonNode progress =
                world.api.get("/api/v1/orders/" + order + "/progress", agent).json();
        assertThat(progress).hasSize(1);
        assertThat(progress.get(0).get("kind").asString()).isEqualTo("PROVISION");
        assertThat(progress.get(0).get("phase").asString()).isEqualTo("RUNNING");
        assertThat(progress.get(0).get("done").asInt()).isEqualTo(1);
        assertThat(progress.get(0).get("steps").get(0).get("resource").asString())
                .isEqualTo("network net");
        assertThat(progress.get(0).get("steps").get(1).get("state").asString()).isEqualTo("PENDING");
        assertThat(String.join("\n", orderFeed)).contains("event:progress");

        HttpResponse<String> other = http.send(
                request("/api/v1/orders/" + order + "/progress", agent("agent-secciv", "secciv")),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(404);
    }

    private ProducerRecord<String, byte[]> sendSaga(SagaEvent event) {
        return world.send(
                Topics.PROVISIONING_SAGAS,
                event.orderId().toString(),
                event,
                event.orderId().toString());
    }

    @Test
    void another_tenants_order_has_no_feed() throws Exception {
        UUID offering = world.offering("PUBLISHED");
        String tenant = world.tenant(50, "1", "1000");
        UUID order = world.placed(agent("agent-" + tenant, tenant), offering, "CC-1");

        HttpResponse<String> response = http.send(
                request("/api/v1/orders/" + order + "/events", agent("agent-secciv", "secciv")),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    /** Opens a feed and collects its lines in the background; returns once the feed said it is open. */
    private List<String> open(String path, String token) {
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<Stream<String>>> response =
                http.sendAsync(request(path, token), HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(feed -> feed.body().forEach(lines::add));
        await("the feed " + path + " to open")
                .atMost(Duration.ofSeconds(30))
                .until(() -> lines.contains("event:subscribed"));
        return lines;
    }

    private HttpRequest request(String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .build();
    }
}
