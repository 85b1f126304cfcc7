package fr.picloud.order.ordering;

import static fr.picloud.order.OrderWorld.SMALL_VM;
import static fr.picloud.order.OrderWorld.agent;
import static fr.picloud.order.OrderWorld.approver;
import static fr.picloud.order.OrderWorld.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.Topics;
import fr.picloud.contracts.offering.OfferingRetired;
import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.contracts.offering.PriceList;
import fr.picloud.order.OrderServiceIT;
import fr.picloud.order.OrderWorld;
import fr.picloud.platform.test.ApiClient;
import fr.picloud.pricing.Footprint;
import fr.picloud.pricing.PricingCalculator;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Placing, reading and listing orders; the idempotency key; bad input and tenant isolation. */
@OrderServiceIT
class OrderPlacementIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    OrderWorld world;
    UUID offering;
    String tenant;
    String agent;

    @BeforeEach
    void world() {
        world = new OrderWorld(port, jdbc);
        offering = world.offering("PUBLISHED");
        tenant = world.tenant(50, "0", "100000");
        agent = agent("agent-" + tenant, tenant);
    }

    @AfterEach
    void close() {
        world.assertLedgerConsistent();
        world.close();
    }

    @Test
    void an_order_is_placed_with_its_quote_from_the_shared_pricing_module() {
        ApiClient.Response response = world.place(agent, body(offering, "CC-1", SMALL_VM));

        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        assertThat(response.json().path("status").asString()).isEqualTo("PENDING_APPROVAL");
        PricingCalculator.Quote expected = PricingCalculator.monthlyQuote(
                new PriceList(1, LocalDate.of(2020, 1, 1), "EUR", OrderWorld.PRICES), new Footprint(1, 2, 10, 0, 1));
        assertThat(response.json().path("quote").path("monthlyTotal").decimalValue())
                .isEqualByComparingTo(expected.monthlyTotal());
        assertThat(response.json().path("quote").path("oneTimeFees").decimalValue())
                .isEqualByComparingTo("25.00");
        UUID id = UUID.fromString(response.json().path("id").asString());
        assertThat(response.header("Location")).isEqualTo("/api/v1/orders/" + id);

        var order = world.order(id, agent);
        assertThat(order.path("parameters").path("flavor").asString()).isEqualTo("m1.small");
        assertThat(order.path("costCenter").asString()).isEqualTo("CC-1");
        assertThat(order.path("timeline").get(0).path("action").asString()).isEqualTo("PLACED");
        assertThat(order.path("timeline").get(0).path("actor").asString()).isEqualTo("agent-" + tenant);
        assertThat(order.path("timeline").get(0).path("reason").asString()).isEqualTo("new application");
        var usage = world.api.get("/api/v1/tenants/" + tenant + "/quota", agent).json();
        assertThat(usage.path("held").path("instances").asInt()).isEqualTo(1);
        assertThat(usage.path("held").path("vcpus").asInt()).isEqualTo(1);
        assertThat(usage.path("held").path("volumeGb").asInt()).isEqualTo(10);
        assertThat(usage.path("held").path("monthlyBudget").decimalValue())
                .isEqualByComparingTo(expected.monthlyTotal());
    }

    @Test
    void the_same_key_and_body_return_the_same_order_and_a_different_body_is_a_409() {
        Map<String, String> key = Map.of("Idempotency-Key", "key-" + UUID.randomUUID());
        String body = body(offering, "CC-1", SMALL_VM);

        ApiClient.Response first = world.api.post("/api/v1/orders", agent, body, key);
        ApiClient.Response again = world.api.post("/api/v1/orders", agent, body, key);
        ApiClient.Response changed =
                world.api.post("/api/v1/orders", agent, body.replace("\"diskGb\": 10", "\"diskGb\": 20"), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().path("id").asString())
                .isEqualTo(first.json().path("id").asString());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.json().path("title").asString()).isEqualTo("Idempotency key reused");
        assertThat(jdbc.queryForObject(
                        "select count(*) from customer_order where tenant_id = ?", Integer.class, tenant))
                .isEqualTo(1);
        assertThat(world.api
                        .get("/api/v1/tenants/" + tenant + "/quota", agent)
                        .json()
                        .path("held")
                        .path("instances")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void the_same_key_sent_concurrently_places_one_order_and_every_request_gets_it() throws Exception {
        Map<String, String> key = Map.of("Idempotency-Key", "race-" + UUID.randomUUID());
        String body = body(offering, "CC-1", SMALL_VM);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<ApiClient.Response>> responses = new java.util.ArrayList<>();

        try (java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                responses.add(clients.submit(() -> {
                    start.await();
                    return world.api.post("/api/v1/orders", agent, body, key);
                }));
            }
            start.countDown();
        }

        java.util.Set<String> ids = new java.util.HashSet<>();
        for (var response : responses) {
            assertThat(response.get().status()).as(response.get().raw().body()).isEqualTo(201);
            ids.add(response.get().json().path("id").asString());
        }
        assertThat(ids).hasSize(1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from customer_order where tenant_id = ?", Integer.class, tenant))
                .isEqualTo(1);
    }

    @Test
    void the_list_shows_the_callers_tenant_only_filtered_by_status_and_paged() {
        UUID first = world.placed(agent, offering, "CC-1");
        UUID second = world.placed(agent, offering, "CC-1");
        world.placed(agent, offering, "CC-1");
        UUID elsewhere = world.placed(agent("agent-police", "police"), offering, "POL-001");
        assertThat(world.api
                        .post("/api/v1/orders/" + first + "/cancel", agent, "{}")
                        .status())
                .isEqualTo(200);

        var pending = world.api
                .get("/api/v1/orders?status=PENDING_APPROVAL&page=0&size=1", agent)
                .json();
        var cancelled = world.api.get("/api/v1/orders?status=CANCELLED", agent).json();
        var all = world.api.get("/api/v1/orders?size=100", agent).json();

        assertThat(pending.path("total").asLong()).isEqualTo(2);
        assertThat(pending.path("items")).hasSize(1);
        assertThat(cancelled.path("items").findValuesAsString("id")).containsExactly(first.toString());
        assertThat(all.path("items").findValuesAsString("id"))
                .hasSize(3)
                .contains(second.toString())
                .doesNotContain(elsewhere.toString());
    }

    @Test
    void an_offering_retired_after_it_was_ordered_can_no_longer_be_ordered() {
        world.placed(agent, offering, "CC-1");
        OfferingState published = OrderWorld.vmStack(offering, "PUBLISHED");
        OfferingState retired = new OfferingState(
                offering,
                published.revision() + 1,
                published.code(),
                published.name(),
                published.description(),
                published.category(),
                published.provider(),
                published.tags(),
                published.slaTier(),
                published.version(),
                "RETIRED",
                published.parameterSchema(),
                published.resourceTemplate(),
                published.priceLists());
        world.send(Topics.CATALOG_OFFERINGS, offering.toString(), new OfferingRetired(retired), null);
        await("revision 2 of offering " + offering + " in the replica")
                .atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject(
                                "select revision from offering_replica where offering_id = ?", Long.class, offering)
                        == 2);

        ApiClient.Response refused = world.place(agent, body(offering, "CC-1", SMALL_VM));

        assertProblem(refused, 422, "offeringId");
        assertThat(refused.json().path("detail").asString()).contains("RETIRED");
    }

    @Test
    void another_tenants_order_does_not_exist_for_the_caller() {
        UUID order = world.placed(agent, offering, "CC-1");
        String otherAgent = agent("agent-secciv", "secciv");
        String otherApprover = approver("approver-secciv", "secciv");

        ApiClient.Response read = world.api.get("/api/v1/orders/" + order, otherAgent);
        ApiClient.Response approve = world.api.post("/api/v1/orders/" + order + "/approve", otherApprover, "");
        ApiClient.Response cancel = world.api.post("/api/v1/orders/" + order + "/cancel", otherAgent, "{}");
        ApiClient.Response unknown = world.api.get("/api/v1/orders/" + UUID.randomUUID(), otherAgent);

        assertThat(read.status()).isEqualTo(404);
        assertThat(approve.status()).isEqualTo(404);
        assertThat(cancel.status()).isEqualTo(404);
        assertThat(read.json().path("detail").asString())
                .as("the same answer as for an order that does not exist")
                .isEqualTo(unknown.json().path("detail").asString().replaceAll("[0-9a-f-]{36}", order.toString()));
        assertThat(world.status(order, agent)).isEqualTo("PENDING_APPROVAL");
    }

    @Test
    void bad_input_is_a_precise_problem_and_writes_nothing() {
        UUID retired = world.offering("RETIRED");
        int before = world.countOrders();

        assertProblem(world.place(agent, "{\"offeringId\": "), 400, null);
        assertProblem(
                world.place(agent, body(offering, "CC-1", SMALL_VM).replace("\"costCenter\"", "\"costCentre\"")),
                400,
                null);
        assertProblem(
                world.place(agent, body(offering, "CC-1", SMALL_VM.replace("m1.small", "m9.huge"))),
                422,
                "parameters.flavor");
        assertProblem(
                world.place(
                        agent,
                        body(offering, "CC-1", SMALL_VM.replace("\"instanceCount\": 1", "\"instanceCount\": -3"))),
                422,
                "parameters.instanceCount");
        assertProblem(world.place(agent, body(offering, "POL-001", SMALL_VM)), 422, "costCenter");
        assertProblem(world.place(agent, body(retired, "CC-1", SMALL_VM)), 422, "offeringId");
        assertProblem(world.place(agent, body(UUID.randomUUID(), "CC-1", SMALL_VM)), 422, "offeringId");
        assertProblem(world.api.post("/api/v1/orders", agent, body(offering, "CC-1", SMALL_VM)), 400, null);
        String huge = body(offering, "CC-1", SMALL_VM).replace("new application", "x".repeat(1_000_000));
        assertProblem(world.place(agent, huge), 413, null);

        assertThat(world.countOrders()).isEqualTo(before);
        assertThat(world.api
                        .get("/api/v1/tenants/" + tenant + "/quota", agent)
                        .json()
                        .path("held")
                        .path("instances")
                        .asInt())
                .isZero();
    }

    @Test
    void unknown_fields_are_refused_naming_them_and_write_nothing() {
        int before = world.countOrders();

        ApiClient.Response unknownField = world.place(
                agent,
                body(offering, "CC-1", SMALL_VM).replace("\"costCenter\"", "\"priority\": \"high\", \"costCenter\""));
        ApiClient.Response unknownParameter = world.place(
                agent,
                body(offering, "CC-1", SMALL_VM.replace("\"floatingIp\"", "\"colour\": \"blue\", \"floatingIp\"")));
        ApiClient.Response wrongType = world.place(
                agent,
                body(offering, "CC-1", SMALL_VM)
                        .replace("\"offeringId\": \"" + offering, "\"offeringId\": \"vm-stack"));

        assertProblem(unknownField, 400, "priority");
        assertThat(unknownField.json().path("detail").asString()).contains("unknown field: priority");
        assertProblem(unknownParameter, 422, "parameters");
        assertThat(unknownParameter.json().path("errors").toString()).contains("colour");
        assertProblem(wrongType, 400, "offeringId");
        assertThat(world.countOrders()).isEqualTo(before);
    }

    @Test
    void a_huge_body_without_a_declared_length_is_refused_before_it_is_read_whole() throws Exception {
        int before = world.countOrders();
        String huge = body(offering, "CC-1", SMALL_VM).replace("new application", "x".repeat(1_000_000));
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        // a body from a stream has no length: it is sent chunked
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/orders"))
                        .header("Authorization", "Bearer " + agent)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> small = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/orders"))
                        .header("Authorization", "Bearer " + agent)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                                body(offering, "CC-1", SMALL_VM).getBytes(StandardCharsets.UTF_8))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(world.countOrders()).isEqualTo(before + 1);
        assertThat(small.statusCode())
                .as("a small body sent chunked is read as usual: " + small.body())
                .isEqualTo(201);
    }

    @Test
    void another_tenants_order_cannot_be_rejected_or_decommissioned_either() {
        UUID order = world.placed(agent, offering, "CC-1");

        ApiClient.Response reject = world.api.post(
                "/api/v1/orders/" + order + "/reject", approver("approver-secciv", "secciv"), "{\"reason\": \"no\"}");
        ApiClient.Response decommission =
                world.api.post("/api/v1/orders/" + order + "/decommission", agent("agent-secciv", "secciv"), "");
        ApiClient.Response list = world.api.get("/api/v1/orders?size=100", agent("agent-secciv", "secciv"));

        assertProblem(reject, 404, null);
        assertProblem(decommission, 404, null);
        assertThat(list.json().path("items").findValuesAsString("id")).doesNotContain(order.toString());
        var stored = world.order(order, agent);
        assertThat(stored.path("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(stored.path("timeline")).hasSize(1);
    }

    @Test
    void the_requester_cannot_reject_their_own_order_and_another_agent_cannot_cancel_it() {
        String agentApprover = fr.picloud.platform.test.TestTokens.token("agent-approver", tenant, "agent", "approver");
        UUID order = world.placed(agentApprover, offering, "CC-1");

        ApiClient.Response reject = world.api.post(
                "/api/v1/orders/" + order + "/reject", agentApprover, "{\"reason\": \"changed my mind\"}");
        ApiClient.Response cancelByColleague =
                world.api.post("/api/v1/orders/" + order + "/cancel", agent("colleague", tenant), "{}");

        assertProblem(reject, 422, "approver");
        assertProblem(cancelByColleague, 403, null);
        var stored = world.order(order, agentApprover);
        assertThat(stored.path("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(stored.path("timeline")).hasSize(1);
        assertThat(world.api
                        .post("/api/v1/orders/" + order + "/cancel", agentApprover, "{\"reason\": \"changed my mind\"}")
                        .status())
                .as("the requester withdraws it")
                .isEqualTo(200);
    }

    @Test
    void approving_ones_own_order_is_refused_and_changes_nothing() {
        String agentApprover = fr.picloud.platform.test.TestTokens.token("agent-approver", tenant, "agent", "approver");
        UUID order = world.placed(agentApprover, offering, "CC-1");

        ApiClient.Response response = world.api.post("/api/v1/orders/" + order + "/approve", agentApprover, "");

        assertProblem(response, 422, "approver");
        assertThat(response.json().path("detail").asString()).contains("separation of duties");
        var stored = world.order(order, agentApprover);
        assertThat(stored.path("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(stored.path("approvers")).isEmpty();
        assertThat(stored.path("timeline")).hasSize(1);
    }

    private static void assertProblem(ApiClient.Response response, int status, String field) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        if (field != null) {
            assertThat(response.json().path("errors").findValuesAsString("field"))
                    .contains(field);
        }
    }
}
