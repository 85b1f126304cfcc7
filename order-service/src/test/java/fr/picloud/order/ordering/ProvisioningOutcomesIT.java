package fr.picloud.order.ordering;

import static fr.picloud.order.OrderWorld.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.Topics;
import fr.picloud.contracts.provisioning.DecommissionCompleted;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.contracts.provisioning.ProvisioningCompensated;
import fr.picloud.contracts.provisioning.ProvisioningCompensationFailed;
import fr.picloud.contracts.provisioning.ProvisioningCompleted;
import fr.picloud.contracts.provisioning.ProvisioningFailed;
import fr.picloud.order.OrderServiceIT;
import fr.picloud.order.OrderWorld;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Provisioning outcomes over the real broker move orders and commit or release their quota, once. */
@OrderServiceIT
class ProvisioningOutcomesIT {

    private static final List<ProvisionedResource> INVENTORY = List.of(
            new ProvisionedResource("network", "network", "net-1"),
            new ProvisionedResource("server-0", "server", "srv-1"));

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    OrderWorld world;
    String tenant;
    String agent;
    UUID offering;

    @BeforeEach
    void world() {
        world = new OrderWorld(port, jdbc);
        offering = world.offering("PUBLISHED");
        tenant = world.tenant(50, "100", "1000");
        agent = agent("agent-" + tenant, tenant);
    }

    @AfterEach
    void close() {
        world.assertLedgerConsistent();
        world.close();
    }

    @Test
    void a_completion_delivered_twice_moves_the_order_once_and_commits_the_quota_once() {
        UUID order = provisioningOrder();
        double duplicatesBefore = duplicates();
        ProducerRecord<String, byte[]> completed = world.sendOutcome(new ProvisioningCompleted(order, INVENTORY));
        awaitStatus(order, "COMPLETED");

        world.send(completed);
        await("the redelivered completion of " + order + " to be recognised as a duplicate")
                .atMost(Duration.ofSeconds(30))
                .until(() -> duplicates() > duplicatesBefore);
        double processedBefore = processed();
        world.sendOutcome(new ProvisioningCompleted(order, INVENTORY));
        world.sendOutcome(new ProvisioningFailed(order, "marker", "a late failure after completion"));
        await("a second completion and a late failure of " + order + " to be consumed")
                .atMost(Duration.ofSeconds(30))
                .until(() -> processed() >= processedBefore + 2);

        var stored = world.order(order, agent);
        assertThat(stored.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(stored.path("timeline").findValuesAsString("action"))
                .containsOnlyOnce("COMPLETED")
                .doesNotContain("FAILED");
        assertThat(stored.path("resources").findValuesAsString("openstackId")).containsExactly("net-1", "srv-1");
        var usage = world.api.get("/api/v1/tenants/" + tenant + "/quota", agent).json();
        assertThat(usage.path("committed").path("instances").asInt()).isEqualTo(1);
        assertThat(usage.path("held").path("instances").asInt()).isZero();
    }

    @Test
    void a_failure_keeps_the_reservation_until_compensation_releases_it() {
        UUID order = provisioningOrder();

        world.sendOutcome(new ProvisioningFailed(order, "server", "no host with enough RAM"));
        awaitStatus(order, "FAILED");
        assertThat(held()).as("resources may still exist while compensating").isEqualTo(1);

        world.sendOutcome(new ProvisioningCompensated(order, "every resource deleted"));
        awaitTimelineAction(order, "COMPENSATED");
        assertThat(held()).isZero();
        assertThat(world.order(order, agent).path("timeline").findValuesAsString("reason"))
                .contains("no host with enough RAM");
    }

    @Test
    void a_failed_compensation_leaves_the_order_failed_holding_its_reservation_once_however_often_it_is_told() {
        UUID order = provisioningOrder();
        world.sendOutcome(new ProvisioningFailed(order, "server", "no host with enough RAM"));
        awaitStatus(order, "FAILED");

        ProducerRecord<String, byte[]> alert = world.sendOutcome(new ProvisioningCompensationFailed(
                order, UUID.randomUUID(), "volume vol-1 could not be deleted", List.of(INVENTORY.getFirst())));
        awaitTimelineAction(order, "COMPENSATION_FAILED");
        double duplicatesBefore = duplicates();
        world.send(alert);
        await("the redelivered alert of " + order + " to be recognised as a duplicate")
                .atMost(Duration.ofSeconds(30))
                .until(() -> duplicates() > duplicatesBefore);
        double processedBefore = processed();
        world.sendOutcome(new ProvisioningCompensationFailed(
                order, UUID.randomUUID(), "volume vol-1 could not be deleted", List.of(INVENTORY.getFirst())));
        await("a second alert of " + order + " to be consumed")
                .atMost(Duration.ofSeconds(30))
                .until(() -> processed() > processedBefore);

        var stored = world.order(order, agent);
        assertThat(stored.path("status").asString()).isEqualTo("FAILED");
        assertThat(stored.path("timeline").findValuesAsString("action"))
                .containsExactly("PLACED", "APPROVED", "PROVISIONING_REQUESTED", "FAILED", "COMPENSATION_FAILED");
        var entry = stored.path("timeline").get(4);
        assertThat(entry.path("actor").asString()).isEqualTo("system");
        assertThat(entry.path("from").asString()).isEqualTo("FAILED");
        assertThat(entry.path("to").asString()).isEqualTo("FAILED");
        assertThat(entry.path("reason").asString()).isEqualTo("volume vol-1 could not be deleted");
        assertThat(held()).as("what is left still uses the tenant's room").isEqualTo(1);
        assertThat(jdbc.queryForObject("select state from quota_reservation where order_id = ?", String.class, order))
                .isEqualTo("HELD");
    }

    @Test
    void a_compensation_seen_before_the_failure_fails_the_order_and_releases_its_reservation() {
        UUID order = provisioningOrder();

        world.sendOutcome(new ProvisioningCompensated(order, "every resource deleted"));
        awaitTimelineAction(order, "COMPENSATED");
        assertThat(world.status(order, agent)).isEqualTo("FAILED");
        assertThat(held()).isZero();
        double processedBefore = processed();
        world.sendOutcome(new ProvisioningFailed(order, "server", "the failure, relayed late"));
        await("the late failure of " + order + " to be consumed")
                .atMost(Duration.ofSeconds(30))
                .until(() -> processed() > processedBefore);

        assertThat(world.order(order, agent).path("timeline").findValuesAsString("action"))
                .containsExactly("PLACED", "APPROVED", "PROVISIONING_REQUESTED", "COMPENSATED");
        assertThat(held()).isZero();
        assertThat(world.api
                        .get("/api/v1/tenants/" + tenant + "/quota", agent)
                        .json()
                        .path("available")
                        .path("instances")
                        .asInt())
                .isEqualTo(50);
    }

    @Test
    void the_provisioning_command_carries_the_tenants_quota_for_its_openstack_project() {
        UUID order = provisioningOrder();

        var command =
                OrderWorld.recordsOf(Topics.PROVISIONING_COMMANDS, order, "picloud.order.provisioning-requested")
                        .stream()
                        .filter(record ->
                                "picloud.order.provisioning-requested".equals(OrderWorld.header(record, "ce_type")))
                        .findFirst()
                        .orElseThrow();

        var quota = OrderWorld.payload(command).path("projectQuota");
        assertThat(quota.path("vcpus").asInt()).isEqualTo(1000);
        assertThat(quota.path("ramGb").asInt()).isEqualTo(4000);
        assertThat(quota.path("volumeGb").asInt()).isEqualTo(100000);
        assertThat(quota.path("instances").asInt()).isEqualTo(50);
        assertThat(quota.path("floatingIps").asInt()).isEqualTo(100);
    }

    @Test
    void a_decommission_sends_the_inventory_to_provisioning_and_frees_the_quota_when_done() {
        UUID order = provisioningOrder();
        world.sendOutcome(new ProvisioningCompleted(order, INVENTORY));
        awaitStatus(order, "COMPLETED");

        var decommissioning = world.api.post("/api/v1/orders/" + order + "/decommission", agent, "");
        assertThat(decommissioning.status()).as(decommissioning.raw().body()).isEqualTo(200);
        assertThat(decommissioning.json().path("status").asString()).isEqualTo("DECOMMISSIONING");
        var command =
                OrderWorld.recordsOf(Topics.PROVISIONING_COMMANDS, order, "picloud.order.decommission-requested")
                        .stream()
                        .filter(record ->
                                "picloud.order.decommission-requested".equals(OrderWorld.header(record, "ce_type")))
                        .findFirst()
                        .orElseThrow();
        assertThat(OrderWorld.payload(command).path("resources").findValuesAsString("openstackId"))
                .containsExactly("net-1", "srv-1");
        assertThat(world.api
                        .post("/api/v1/orders/" + order + "/decommission", agent, "")
                        .status())
                .isEqualTo(409);

        world.sendOutcome(new DecommissionCompleted(order));
        awaitStatus(order, "DECOMMISSIONED");
        var usage = world.api.get("/api/v1/tenants/" + tenant + "/quota", agent).json();
        assertThat(usage.path("committed").path("instances").asInt()).isZero();
        assertThat(usage.path("available").path("instances").asInt()).isEqualTo(50);
    }

    @Test
    void cancelling_an_order_in_provisioning_is_an_illegal_move() {
        UUID order = provisioningOrder();

        var response = world.api.post("/api/v1/orders/" + order + "/cancel", agent, "{}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asString()).contains("is PROVISIONING");
    }

    private UUID provisioningOrder() {
        UUID order = world.placed(agent, offering, "CC-1");
        assertThat(world.status(order, agent)).isEqualTo("PROVISIONING");
        return order;
    }

    private int held() {
        return world.api
                .get("/api/v1/tenants/" + tenant + "/quota", agent)
                .json()
                .path("held")
                .path("instances")
                .asInt();
    }

    private void awaitStatus(UUID order, String status) {
        await("order " + order + " " + status)
                .atMost(Duration.ofSeconds(60))
                .until(() -> world.status(order, agent).equals(status));
    }

    private void awaitTimelineAction(UUID order, String action) {
        await("order " + order + " to record " + action)
                .atMost(Duration.ofSeconds(60))
                .until(() -> world.order(order, agent)
                        .path("timeline")
                        .findValuesAsString("action")
                        .contains(action));
    }

    private double duplicates() {
        return consumed("duplicate");
    }

    private double processed() {
        return consumed("processed");
    }

    private double consumed(String outcome) {
        // one counter per message type: sum them
        return meters
                .find("picloud.events.consumed")
                .tag("outcome", outcome)
                .tag("consumer", "order-service.provisioning-outcomes")
                .counters()
                .stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count)
                .sum();
    }
}
