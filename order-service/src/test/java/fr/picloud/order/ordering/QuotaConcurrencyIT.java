package fr.picloud.order.ordering;

import static fr.picloud.order.OrderWorld.SMALL_VM;
import static fr.picloud.order.OrderWorld.agent;
import static fr.picloud.order.OrderWorld.body;
import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.order.OrderServiceIT;
import fr.picloud.order.OrderWorld;
import fr.picloud.platform.test.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Quota reservations under concurrency: never more than the room, never a leak. */
@OrderServiceIT
class QuotaConcurrencyIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    OrderWorld world;

    @BeforeEach
    void world() {
        world = new OrderWorld(port, jdbc);
    }

    @AfterEach
    void close() {
        world.assertLedgerConsistent();
        world.close();
    }

    @Test
    void a_hundred_concurrent_orders_against_room_for_ten_accept_exactly_ten() throws Exception {
        UUID offering = world.offering("PUBLISHED");
        String tenant = world.tenant(10, "0", "100000");
        String agent = agent("agent-" + tenant, tenant);
        String order = body(offering, "CC-1", SMALL_VM);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiClient.Response>> responses = new ArrayList<>();

        try (ExecutorService clients = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < 100; i++) {
                responses.add(clients.submit(() -> {
                    start.await();
                    return world.place(agent, order);
                }));
            }
            start.countDown();
        }

        List<ApiClient.Response> accepted = new ArrayList<>();
        List<ApiClient.Response> refused = new ArrayList<>();
        for (Future<ApiClient.Response> response : responses) {
            (response.get().status() == 201 ? accepted : refused).add(response.get());
        }
        assertThat(accepted).hasSize(10);
        assertThat(refused).hasSize(90).allSatisfy(response -> {
            assertThat(response.status()).as(response.raw().body()).isEqualTo(422);
            assertThat(response.json().path("errors").findValuesAsString("field"))
                    .containsExactly("quota.instances");
            assertThat(response.json().path("detail").asString()).contains("instances quota");
        });
        assertThat(jdbc.queryForObject(
                        "select count(*) from customer_order where tenant_id = ?", Integer.class, tenant))
                .isEqualTo(10);
        var usage = world.api.get("/api/v1/tenants/" + tenant + "/quota", agent).json();
        assertThat(usage.path("held").path("instances").asInt()).isEqualTo(10);
        assertThat(usage.path("available").path("instances").asInt()).isZero();
    }

    @Test
    void a_released_reservation_makes_room_again() {
        UUID offering = world.offering("PUBLISHED");
        String tenant = world.tenant(1, "0", "100000");
        String agent = agent("agent-" + tenant, tenant);
        UUID first = world.placed(agent, offering, "CC-1");

        ApiClient.Response full = world.place(agent, body(offering, "CC-1", SMALL_VM));
        assertThat(full.status()).isEqualTo(422);
        assertThat(world.api
                        .post("/api/v1/orders/" + first + "/cancel", agent, "{\"reason\": \"wrong size\"}")
                        .status())
                .isEqualTo(200);

        assertThat(world.place(agent, body(offering, "CC-1", SMALL_VM)).status())
                .isEqualTo(201);
    }

    @Test
    void the_monthly_budget_is_reserved_like_a_quota() {
        UUID offering = world.offering("PUBLISHED");
        String tenant = world.tenant(100, "0", "100000");
        String agent = agent("agent-" + tenant, tenant);
        assertThat(world.api
                        .put("/api/v1/tenants/" + tenant + "/quota", OrderWorld.ADMIN, """
                        {"vcpus": 100, "ramGb": 400, "volumeGb": 10000, "instances": 100, "floatingIps": 10,
                         "monthlyBudget": 20}
                        """)
                        .status())
                .isEqualTo(200);

        assertThat(world.place(agent, body(offering, "CC-1", SMALL_VM)).status())
                .isEqualTo(201);
        ApiClient.Response overBudget = world.place(agent, body(offering, "CC-1", SMALL_VM));

        assertThat(overBudget.status()).isEqualTo(422);
        assertThat(overBudget.json().path("errors").findValuesAsString("field")).containsExactly("quota.monthlyBudget");
    }
}
