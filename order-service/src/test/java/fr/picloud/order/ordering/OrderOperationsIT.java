package fr.picloud.order.ordering;

import static fr.picloud.order.OrderWorld.agent;
import static fr.picloud.order.OrderWorld.approver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.Topics;
import fr.picloud.contracts.order.OperationType;
import fr.picloud.contracts.provisioning.OperationCompleted;
import fr.picloud.contracts.provisioning.OperationFailed;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.contracts.provisioning.ProvisioningCompleted;
import fr.picloud.order.OrderServiceIT;
import fr.picloud.order.OrderWorld;
import fr.picloud.platform.test.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Day-2 operations over HTTP, the real broker and PostgreSQL: each checked against its order, the
 * tenant's quota (the growth only) and approval policy; sent to provisioning once; closed by its
 * outcome, which shows in the order's inventory and timeline.
 */
@OrderServiceIT
class OrderOperationsIT {

    private static final ProvisionedResource SERVER =
            new ProvisionedResource("server-0", "server", "srv-1", "m1.small", 1, 2, null, null, Instant.now());
    private static final ProvisionedResource VOLUME =
            new ProvisionedResource("data-volume-0", "volume", "vol-1", null, null, null, 10, null, Instant.now());
    private static final List<ProvisionedResource> INVENTORY =
            List.of(new ProvisionedResource("network", "network", "net-1"), VOLUME, SERVER);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    OrderWorld world;
    String tenant;
    String agent;
    String approver;
    UUID offering;

    @BeforeEach
    void world() {
        world = new OrderWorld(port, jdbc);
        offering = world.offering("PUBLISHED");
    }

    /** A tenant that approves by itself what costs less than {@code autoApproveBelow} a month. */
    private void tenant(String autoApproveBelow) {
        tenant = world.tenant(50, autoApproveBelow, "1000");
        agent = agent("agent-" + tenant, tenant);
        approver = approver("approver-" + tenant, tenant);
    }

    @AfterEach
    void close() {
        world.assertLedgerConsistent();
        world.close();
    }

    @Test
    void a_resize_is_sent_once_reserves_only_the_difference_and_shows_in_the_inventory_when_done() {
        tenant("100");
        UUID order = completedOrder();
        String key = UUID.randomUUID().toString();

        ApiClient.Response asked =
                ask(order, key, "{\"type\":\"RESIZE\",\"target\":\"server-0\",\"flavor\":\"m1.large\"}");
        assertThat(asked.status()).as(asked.raw().body()).isEqualTo(201);
        assertThat(asked.json().path("status").asString()).isEqualTo("RUNNING");
        UUID operation = UUID.fromString(asked.json().path("id").asString());
        assertThat(quota("held", "vcpus"))
                .as("m1.small to m1.large: 3 vCPU more")
                .isEqualTo(3);
        assertThat(quota("held", "ramGb")).isEqualTo(6);

        ApiClient.Response again =
                ask(order, key, "{\"type\":\"RESIZE\",\"target\":\"server-0\",\"flavor\":\"m1.large\"}");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.json().path("id").asString()).isEqualTo(operation.toString());
        ApiClient.Response reused =
                ask(order, key, "{\"type\":\"RESIZE\",\"target\":\"server-0\",\"flavor\":\"m1.medium\"}");
        assertThat(reused.status())
                .as("the same key for another request: %s", reused.raw().body())
                .isEqualTo(409);
        ApiClient.Response other =
                ask(order, UUID.randomUUID().toString(), "{\"type\":\"STOP\",\"target\":\"server-0\"}");
        assertThat(other.status())
                .as("one operation at a time: %s", other.raw().body())
                .isEqualTo(409);
        ApiClient.Response decommission = world.api.post("/api/v1/orders/" + order + "/decommission", agent, "");
        assertThat(decommission.status()).as(decommission.raw().body()).isEqualTo(409);

        var commands =
                OrderWorld.recordsOf(Topics.PROVISIONING_COMMANDS, order, "picloud.order.operation-requested").stream()
                        .filter(record ->
                                "picloud.order.operation-requested".equals(OrderWorld.header(record, "ce_type")))
                        .toList();
        assertThat(commands).hasSize(1);
        JsonNode command = OrderWorld.payload(commands.getFirst());
        assertThat(command.path("operationId").asString()).isEqualTo(operation.toString());
        assertThat(command.path("target").path("openstackId").asString()).isEqualTo("srv-1");
        assertThat(command.path("flavor").asString()).isEqualTo("m1.large");
        assertThat(command.path("vcpus").asInt()).isEqualTo(4);

        world.sendOutcome(new OperationCompleted(
                operation,
                order,
                tenant,
                OperationType.RESIZE,
                new ProvisionedResource("server-0", "server", "srv-1", "m1.large", 4, 8, null, null, Instant.now()),
                null,
                null,
                Instant.now()));
        awaitOperation(order, operation, "COMPLETED");
        JsonNode stored = world.order(order, agent);
        assertThat(stored.path("status").asString()).isEqualTo("COMPLETED");
        JsonNode server = resource(stored, "server-0");
        assertThat(server.path("flavor").asString()).isEqualTo("m1.large");
        assertThat(server.path("vcpus").asInt()).isEqualTo(4);
        assertThat(stored.path("timeline").findValuesAsString("action"))
                .containsSubsequence("COMPLETED", "OPERATION_REQUESTED", "OPERATION_COMPLETED");
        assertThat(quota("held", "vcpus")).isZero();
        assertThat(quota("committed", "vcpus"))
                .as("the growth joined the order's reservation")
                .isEqualTo(4);
        assertThat(ask(order, UUID.randomUUID().toString(), "{\"type\":\"STOP\",\"target\":\"server-0\"}")
                        .status())
                .as("the next operation may start")
                .isEqualTo(201);
    }

    @Test
    void a_resize_up_beyond_the_policy_waits_for_an_approver_and_a_failure_releases_its_growth() {
        tenant("20");
        UUID order = completedOrder();

        ApiClient.Response asked =
                ask(order, "first", "{\"type\":\"RESIZE\",\"target\":\"server-0\",\"flavor\":\"m1.large\"}");
        assertThat(asked.json().path("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(asked.json().path("monthlyDelta").decimalValue()).isPositive();
        UUID first = UUID.fromString(asked.json().path("id").asString());
        ApiClient.Response byAgent = world.api.post(operations(order) + "/" + first + "/approve", agent, "");
        assertThat(byAgent.status()).as("an agent approves nothing").isEqualTo(403);
        ApiClient.Response rejected = world.api.post(
                operations(order) + "/" + first + "/reject", approver, "{\"reason\":\"not this month\"}");
        assertThat(rejected.json().path("status").asString())
                .as(rejected.raw().body())
                .isEqualTo("REJECTED");
        assertThat(quota("held", "vcpus")).isZero();

        UUID second = UUID.fromString(
                ask(order, "second", "{\"type\":\"RESIZE\",\"target\":\"server-0\",\"flavor\":\"m1.large\"}")
                        .json()
                        .path("id")
                        .asString());
        ApiClient.Response approved = world.api.post(operations(order) + "/" + second + "/approve", approver, "");
        assertThat(approved.json().path("status").asString())
                .as(approved.raw().body())
                .isEqualTo("RUNNING");
        assertThat(approved.json().path("decidedBy").asString()).isEqualTo("approver-" + tenant);
        assertThat(quota("held", "vcpus")).isEqualTo(3);

        world.sendOutcome(new OperationFailed(
                second, order, tenant, OperationType.RESIZE, "no host for m1.large; reverted", true, Instant.now()));
        awaitOperation(order, second, "FAILED");
        assertThat(quota("held", "vcpus")).isZero();
        JsonNode stored = world.order(order, agent);
        assertThat(resource(stored, "server-0").path("flavor").asString()).isEqualTo("m1.small");
        assertThat(stored.path("timeline").findValuesAsString("action"))
                .contains("OPERATION_REJECTED", "OPERATION_APPROVED", "OPERATION_FAILED");
        assertThat(stored.path("timeline").findValuesAsString("reason")).anyMatch(r -> r.contains("no host"));
    }

    @Test
    void a_snapshot_and_an_extension_are_resources_and_room_of_their_own_and_a_deleted_snapshot_gives_it_back() {
        tenant("100");
        UUID order = completedOrder();
        assertThat(quota("committed", "volumeGb")).isEqualTo(10);

        UUID snapshot = UUID.fromString(ask(order, "snap", "{\"type\":\"SNAPSHOT\",\"target\":\"data-volume-0\"}")
                .json()
                .path("id")
                .asString());
        ProvisionedResource taken = new ProvisionedResource(
                "data-volume-0-snapshot-" + snapshot.toString().substring(0, 8),
                "volume-snapshot",
                "snap-1",
                null,
                null,
                null,
                10,
                null,
                Instant.now());
        world.sendOutcome(new OperationCompleted(
                snapshot, order, tenant, OperationType.SNAPSHOT, taken, null, null, Instant.now()));
        awaitOperation(order, snapshot, "COMPLETED");
        assertThat(resource(world.order(order, agent), taken.name())
                        .path("openstackId")
                        .asString())
                .isEqualTo("snap-1");
        assertThat(quota("committed", "volumeGb")).isEqualTo(20);

        UUID deletion = UUID.fromString(
                ask(order, "unsnap", "{\"type\":\"DELETE_SNAPSHOT\",\"target\":\"" + taken.name() + "\"}")
                        .json()
                        .path("id")
                        .asString());
        world.sendOutcome(new OperationCompleted(
                deletion, order, tenant, OperationType.DELETE_SNAPSHOT, null, taken, null, Instant.now()));
        awaitOperation(order, deletion, "COMPLETED");
        assertThat(world.order(order, agent).path("resources").findValuesAsString("kind"))
                .doesNotContain("volume-snapshot");
        assertThat(quota("committed", "volumeGb")).isEqualTo(10);

        UUID extension = UUID.fromString(
                ask(order, "grow", "{\"type\":\"EXTEND_VOLUME\",\"target\":\"data-volume-0\",\"sizeGb\":50}")
                        .json()
                        .path("id")
                        .asString());
        assertThat(quota("held", "volumeGb")).isEqualTo(40);
        world.sendOutcome(new OperationCompleted(
                extension,
                order,
                tenant,
                OperationType.EXTEND_VOLUME,
                new ProvisionedResource("data-volume-0", "volume", "vol-1", null, null, null, 50, null, Instant.now()),
                null,
                null,
                Instant.now()));
        awaitOperation(order, extension, "COMPLETED");
        assertThat(resource(world.order(order, agent), "data-volume-0")
                        .path("sizeGb")
                        .asInt())
                .isEqualTo(50);
        assertThat(quota("committed", "volumeGb")).isEqualTo(50);
        assertThat(world.api.get(operations(order), agent).json().findValuesAsString("status"))
                .containsExactly("COMPLETED", "COMPLETED", "COMPLETED");
    }

    @Test
    void bad_operations_are_refused_with_a_problem_and_leave_nothing_behind() {
        tenant("100");
        UUID provisioning = world.placed(agent, offering, "CC-1");
        assertThat(ask(provisioning, "k1", "{\"type\":\"STOP\",\"target\":\"server-0\"}")
                        .status())
                .as("an order still in provisioning has nothing to operate on")
                .isEqualTo(409);
        UUID order = completedOrder();
        int heldVcpus = quota("held", "vcpus");
        int heldGb = quota("held", "volumeGb");

        Map<String, Integer> refusals = Map.ofEntries(
                Map.entry("{\"type\":\"RESIZE\",\"target\":\"server-0\",\"flavor\":\"m9.huge\"}", 422),
                Map.entry("{\"type\":\"RESIZE\",\"target\":\"server-0\",\"flavor\":\"m1.small\"}", 422),
                Map.entry("{\"type\":\"RESIZE\",\"target\":\"server-0\"}", 422),
                Map.entry("{\"type\":\"EXTEND_VOLUME\",\"target\":\"data-volume-0\",\"sizeGb\":5}", 422),
                Map.entry("{\"type\":\"SNAPSHOT\",\"target\":\"server-0\"}", 422),
                Map.entry("{\"type\":\"REBOOT\",\"target\":\"nowhere\"}", 422),
                Map.entry("{\"type\":\"SHRED\",\"target\":\"server-0\"}", 400),
                Map.entry("{\"type\":\"SET_EXPIRY\",\"endsAt\":\"tomorrow\"}", 400),
                Map.entry("{\"type\":\"STOP\"}", 422),
                Map.entry("{\"type\":\"SET_EXPIRY\"}", 422),
                Map.entry("{\"type\":\"SET_EXPIRY\",\"endsAt\":\"2001-01-01T00:00:00Z\"}", 422));
        refusals.forEach((body, status) -> {
            ApiClient.Response refused = ask(order, UUID.randomUUID().toString(), body);
            assertThat(refused.status())
                    .as(body + " -> " + refused.raw().body())
                    .isEqualTo(status);
            assertThat(refused.raw().headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.json().path("detail").asString()).isNotBlank();
        });
        ApiClient.Response keyless =
                world.api.post(operations(order), agent, "{\"type\":\"STOP\",\"target\":\"server-0\"}");
        assertThat(keyless.status())
                .as("no Idempotency-Key: %s", keyless.raw().body())
                .isEqualTo(400);
        assertThat(keyless.json().path("detail").asString()).contains("Idempotency-Key");
        String stranger = agent("agent-elsewhere", world.tenant(5, "100", "1000"));
        assertThat(world.api
                        .post(
                                operations(order),
                                stranger,
                                "{\"type\":\"STOP\",\"target\":\"server-0\"}",
                                Map.of("Idempotency-Key", "k2"))
                        .status())
                .as("another tenant's order does not exist for the caller")
                .isEqualTo(404);
        assertThat(world.api.get(operations(order), stranger).status()).isEqualTo(404);

        assertThat(jdbc.queryForObject(
                        "select count(*) from order_operation where order_id in (?, ?)",
                        Integer.class,
                        order,
                        provisioning))
                .isZero();
        assertThat(quota("held", "vcpus"))
                .as("the order in provisioning holds its own")
                .isEqualTo(heldVcpus);
        assertThat(quota("held", "volumeGb")).isEqualTo(heldGb);
        assertThat(world.order(order, agent).path("timeline").findValuesAsString("action"))
                .doesNotContain("OPERATION_REQUESTED");
    }

    private UUID completedOrder() {
        UUID order = world.placed(agent, offering, "CC-1");
        world.sendOutcome(new ProvisioningCompleted(order, INVENTORY));
        await("order " + order + " COMPLETED")
                .atMost(Duration.ofSeconds(60))
                .until(() -> world.status(order, agent).equals("COMPLETED"));
        return order;
    }

    private ApiClient.Response ask(UUID order, String key, String body) {
        return world.api.post(operations(order), agent, body, Map.of("Idempotency-Key", key));
    }

    private static String operations(UUID order) {
        return "/api/v1/orders/" + order + "/operations";
    }

    private void awaitOperation(UUID order, UUID operation, String status) {
        await("operation " + operation + " " + status)
                .atMost(Duration.ofSeconds(60))
                .until(() -> world.api
                        .get(operations(order) + "/" + operation, agent)
                        .json()
                        .path("status")
                        .asString()
                        .equals(status));
    }

    private int quota(String part, String quantity) {
        return world.api
                .get("/api/v1/tenants/" + tenant + "/quota", agent)
                .json()
                .path(part)
                .path(quantity)
                .asInt();
    }

    private static JsonNode resource(JsonNode order, String name) {
        for (JsonNode resource : order.path("resources")) {
            if (resource.path("name").asString().equals(name)) {
                return resource;
            }
        }
        throw new AssertionError("no resource " + name + " in " + order.path("resources"));
    }
}
