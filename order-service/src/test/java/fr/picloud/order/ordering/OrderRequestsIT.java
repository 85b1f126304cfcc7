package fr.picloud.order.ordering;

import static fr.picloud.order.OrderWorld.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.Topics;
import fr.picloud.contracts.migration.WaveLaunched;
import fr.picloud.contracts.order.PlaceOrderRequested;
import fr.picloud.order.OrderServiceIT;
import fr.picloud.order.OrderWorld;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Orders another service asks for over the broker: placed once under the requested id, or refused. */
@OrderServiceIT
class OrderRequestsIT {

    private static final Map<String, Object> SMALL_VM =
            Map.of("flavor", "m1.small", "diskGb", 10, "image", "debian-12", "instanceCount", 1, "floatingIp", false);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    OrderWorld world;
    String tenant;
    UUID offering;

    @BeforeEach
    void world() {
        world = new OrderWorld(port, jdbc);
        offering = world.offering("PUBLISHED");
        tenant = world.tenant(50, "100", "1000");
    }

    @AfterEach
    void close() {
        world.assertLedgerConsistent();
        world.close();
    }

    @Test
    void a_request_sent_twice_places_one_order_under_the_requested_id_with_the_tenants_cost_centre() {
        UUID orderId = UUID.randomUUID();
        PlaceOrderRequested request = request(orderId, tenant, SMALL_VM);
        int consumedBefore = consumedRequests();
        waveAsksFor(orderId, tenant);

        world.send(Topics.ORDER_REQUESTS, orderId.toString(), request, orderId.toString());
        world.send(Topics.ORDER_REQUESTS, orderId.toString(), request, orderId.toString());

        var placed = OrderWorld.recordsOf(Topics.ORDERS, orderId, "picloud.order.placed");
        assertThat(OrderWorld.payload(placed.getFirst()).path("costCenter").asString())
                .isEqualTo("CC-1");
        // under the tenant's auto-approval threshold, as a portal order would be
        assertThat(OrderWorld.payload(placed.getFirst()).path("status").asString())
                .isEqualTo("APPROVED");
        assertThat(OrderWorld.payload(placed.getFirst()).path("placedBy").asString())
                .as("the event says a service placed it")
                .isEqualTo("migration-service");
        var order = world.order(orderId, agent("migration-lead", tenant));
        assertThat(order.path("requester").asString()).isEqualTo("migration-lead");
        assertThat(order.path("placedBy").asString())
                .as("placed by migration on behalf of the lead")
                .isEqualTo("migration-service");
        await("both deliveries of the request for " + orderId + " to be consumed")
                .atMost(Duration.ofSeconds(30))
                .until(() -> consumedRequests() >= consumedBefore + 2);
        assertThat(jdbc.queryForObject("select count(*) from customer_order where id = ?", Integer.class, orderId))
                .isEqualTo(1);
        assertThat(OrderWorld.recordsOf(Topics.ORDERS, orderId, "picloud.order.placed").stream()
                        .filter(record -> "picloud.order.placed".equals(OrderWorld.header(record, "ce_type"))))
                .hasSize(1);
    }

    @Test
    void parameters_outside_the_offerings_schema_are_refused_naming_the_parameter_and_no_order_exists() {
        UUID orderId = UUID.randomUUID();
        Map<String, Object> tooBig = Map.of(
                "flavor", "m1.small", "diskGb", 5000, "image", "debian-12", "instanceCount", 1, "floatingIp", false);
        waveAsksFor(orderId, tenant);

        world.send(Topics.ORDER_REQUESTS, orderId.toString(), request(orderId, tenant, tooBig), orderId.toString());

        var refused = OrderWorld.recordsOf(Topics.ORDERS, orderId, "picloud.order.request-refused");
        var payload = OrderWorld.payload(refused.getFirst());
        assertThat(payload.path("tenant").asString()).isEqualTo(tenant);
        assertThat(payload.path("violations").findValuesAsString("field")).anyMatch(field -> field.contains("diskGb"));
        assertThat(jdbc.queryForObject("select count(*) from customer_order where id = ?", Integer.class, orderId))
                .isZero();
    }

    @Test
    void a_request_for_an_unknown_tenant_is_refused() {
        UUID orderId = UUID.randomUUID();
        waveAsksFor(orderId, "no-such-directorate");

        world.send(
                Topics.ORDER_REQUESTS,
                orderId.toString(),
                request(orderId, "no-such-directorate", SMALL_VM),
                orderId.toString());

        var refused = OrderWorld.recordsOf(Topics.ORDERS, orderId, "picloud.order.request-refused");
        assertThat(OrderWorld.payload(refused.getFirst()).path("reason").asString())
                .contains("no-such-directorate");
    }

    @Test
    void a_request_for_another_tenant_than_the_one_its_wave_plans_is_refused_and_no_order_exists() {
        UUID orderId = UUID.randomUUID();
        String other = world.tenant(50, "100", "1000");
        waveAsksFor(orderId, other);

        world.send(Topics.ORDER_REQUESTS, orderId.toString(), request(orderId, tenant, SMALL_VM), orderId.toString());

        var refused = OrderWorld.recordsOf(Topics.ORDERS, orderId, "picloud.order.request-refused");
        var payload = OrderWorld.payload(refused.getFirst());
        assertThat(payload.path("reason").asString())
                .contains("plans it for tenant " + other)
                .contains(tenant);
        assertThat(payload.path("violations").findValuesAsString("field")).containsExactly("tenant");
        assertThat(jdbc.queryForObject("select count(*) from customer_order where id = ?", Integer.class, orderId))
                .isZero();
    }

    @Test
    void a_request_read_before_its_wave_waits_for_it_and_is_placed_once_the_wave_arrives() throws Exception {
        UUID orderId = UUID.randomUUID();
        int consumedBefore = consumedRequests();

        world.send(Topics.ORDER_REQUESTS, orderId.toString(), request(orderId, tenant, SMALL_VM), orderId.toString());
        Thread.sleep(1_500); // the request is read, finds no wave, and is retried with back-off
        assertThat(consumedRequests())
                .as("not consumed while its wave is unknown")
                .isEqualTo(consumedBefore);
        waveAsksFor(orderId, tenant);

        var placed = OrderWorld.recordsOf(Topics.ORDERS, orderId, "picloud.order.placed");
        assertThat(OrderWorld.payload(placed.getFirst()).path("tenant").asString())
                .isEqualTo(tenant);
    }

    /** migration-service's launch: a wave naming the order for the tenant, before the request. */
    private void waveAsksFor(UUID orderId, String tenantId) {
        UUID waveId = UUID.randomUUID();
        world.send(
                Topics.MIGRATION_WAVES,
                waveId.toString(),
                new WaveLaunched(
                        waveId,
                        1,
                        1,
                        "migration-lead",
                        List.of(new WaveLaunched.Member(orderId, tenantId, "APP-0001"))),
                waveId.toString());
    }

    private int consumedRequests() {
        return jdbc.queryForObject(
                "select count(*) from processed_event where consumer = 'order-service.order-requests'", Integer.class);
    }

    private PlaceOrderRequested request(UUID orderId, String tenantId, Map<String, Object> parameters) {
        return new PlaceOrderRequested(
                orderId,
                tenantId,
                "migration-lead",
                offering,
                null,
                parameters,
                "migration wave 1",
                Map.of("waveId", UUID.randomUUID().toString(), "applicationId", "APP-0001"));
    }
}
