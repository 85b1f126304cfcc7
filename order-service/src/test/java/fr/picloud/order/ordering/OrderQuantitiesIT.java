package fr.picloud.order.ordering;

import static fr.picloud.order.OrderWorld.agent;
import static fr.picloud.order.OrderWorld.body;
import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.order.OrderServiceIT;
import fr.picloud.order.OrderWorld;
import fr.picloud.platform.test.ApiClient;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Quantities an offering's schema does not bound (one replicated before the import refused such
 * schemas) are held by the platform's ceilings at order placement, never wrapped (docs/security.md).
 */
@OrderServiceIT
class OrderQuantitiesIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    OrderWorld world;
    UUID unbounded;
    String agent;

    @BeforeEach
    void world() {
        world = new OrderWorld(port, jdbc);
        unbounded = world.offering(
                OrderWorld.vmStack(UUID.randomUUID(), "PUBLISHED").withParameterSchema(Map.of("type", "object")));
        // a quota that holds any number of instances: only the platform's ceilings are left
        String tenant = world.tenant(2_000_000_000, "0", "100000");
        agent = agent("agent-" + tenant, tenant);
    }

    @AfterEach
    void close() {
        world.assertLedgerConsistent();
        world.close();
    }

    @Test
    void a_count_beyond_the_ceiling_is_a_422_naming_it_not_one_server_at_the_price_of_one() {
        // in int, 1,073,741,825 x m1.large was 4 vCPU and 8 GB: one server's quota and price
        ApiClient.Response response = world.place(
                agent,
                body(
                        unbounded,
                        "CC-1",
                        "{\"flavor\": \"m1.large\", \"diskGb\": 16, \"image\": \"debian-12\","
                                + " \"instanceCount\": 1073741825, \"floatingIp\": false}"));

        assertThat(response.status()).as(response.raw().body()).isEqualTo(422);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("errors").findValuesAsString("field"))
                .containsExactly("parameters.instanceCount");
    }

    @Test
    void a_volume_size_beyond_the_ceiling_is_a_422_naming_it_not_a_volume_of_zero_gb() {
        // in int, 4 x 1,073,741,824 GB wrapped to 0 GB reserved
        ApiClient.Response response = world.place(
                agent,
                body(
                        unbounded,
                        "CC-1",
                        "{\"flavor\": \"m1.small\", \"diskGb\": 1073741824, \"image\": \"debian-12\","
                                + " \"instanceCount\": 4, \"floatingIp\": false}"));

        assertThat(response.status()).as(response.raw().body()).isEqualTo(422);
        assertThat(response.json().path("errors").findValuesAsString("field")).containsExactly("parameters.diskGb");
    }

    @Test
    void an_approval_wait_no_instant_can_hold_is_a_422_not_a_500_at_the_first_order() {
        String policy =
                "{\"id\": \"t-%s\", \"name\": \"Direction\", \"kind\": \"DIRECTORATE\", \"parentId\": \"interieur\","
                        + " \"costCenters\": [{\"code\": \"CC-1\", \"name\": \"Centre\"}],"
                        + " \"quota\": {\"vcpus\": 10, \"ramGb\": 10, \"volumeGb\": 10, \"instances\": 1, \"floatingIps\": 1,"
                        + " \"monthlyBudget\": 100},"
                        + " \"approvalPolicy\": {\"autoApproveBelow\": 0, \"autoApproveCategories\": [], \"twoApprovalsAbove\": 10,"
                        + " \"escalateAfter\": \"PT48H\", \"expireAfter\": \"%s\"}}";

        for (String expireAfter : new String[] {"PT2562047788015215H", "PT99999999999999999999S"}) {
            ApiClient.Response response = world.api.post(
                    "/api/v1/tenants",
                    OrderWorld.ADMIN,
                    policy.formatted(UUID.randomUUID().toString().substring(0, 8), expireAfter));

            assertThat(response.status()).as(response.raw().body()).isIn(400, 422);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
    }
}
