package fr.picloud.order;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.platform.test.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@OrderServiceIT
class TenantApiIT {

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
        world.close();
    }

    @Test
    void the_demo_tenants_are_seeded_as_a_hierarchy() {
        ApiClient.Response tenants = world.api.get("/api/v1/tenants", OrderWorld.ADMIN);

        assertThat(tenants.status()).isEqualTo(200);
        assertThat(tenants.json().findValuesAsString("id"))
                .contains("interieur", "police", "secciv", "dsic", "justice");
        var police = world.api.get("/api/v1/tenants/police", OrderWorld.ADMIN).json();
        assertThat(police.path("kind").asString()).isEqualTo("DIRECTORATE");
        assertThat(police.path("parentId").asString()).isEqualTo("interieur");
        assertThat(police.path("costCenters").findValuesAsString("code")).contains("POL-001");
        var justice = world.api.get("/api/v1/tenants/justice", OrderWorld.ADMIN).json();
        assertThat(justice.path("kind").asString()).isEqualTo("MINISTRY");
        assertThat(justice.path("parentId").isNull()).isTrue();
    }

    @Test
    void only_a_platform_admin_manages_tenants() {
        String agent = OrderWorld.agent("agent-police", "police");

        assertThat(world.api.get("/api/v1/tenants", agent).status()).isEqualTo(403);
        assertThat(world.api.put("/api/v1/tenants/police/quota", agent, """
                        {"vcpus": 1, "ramGb": 1, "volumeGb": 1, "instances": 1, "floatingIps": 1, "monthlyBudget": 1}
                        """).status())
                .isEqualTo(403);
        assertThat(world.api
                        .put("/api/v1/tenants/police/approval-policy", agent, """
                        {"autoApproveBelow": 100000, "autoApproveCategories": [], "twoApprovalsAbove": 200000,
                         "escalateAfter": "PT1H", "expireAfter": "PT2H"}
                        """)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void a_tenants_users_read_their_own_quota_usage_and_never_another_tenants() {
        String tenant = world.tenant(7, "0", "1000");
        String agent = OrderWorld.agent("agent-" + tenant, tenant);

        ApiClient.Response own = world.api.get("/api/v1/tenants/" + tenant + "/quota", agent);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().path("limits").path("instances").asInt()).isEqualTo(7);
        assertThat(own.json().path("available").path("instances").asInt()).isEqualTo(7);

        ApiClient.Response other = world.api.get("/api/v1/tenants/police/quota", agent);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.header("Content-Type")).startsWith("application/problem+json");
        assertThat(world.api
                        .get("/api/v1/tenants/" + tenant + "/quota", OrderWorld.agent("agent-police", "police"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void a_platform_admin_changes_a_quota_and_an_approval_policy() {
        String tenant = world.tenant(7, "0", "1000");

        ApiClient.Response quota = world.api.put("/api/v1/tenants/" + tenant + "/quota", OrderWorld.ADMIN, """
                {"vcpus": 8, "ramGb": 16, "volumeGb": 100, "instances": 3, "floatingIps": 1, "monthlyBudget": 500}
                """);
        ApiClient.Response policy =
                world.api.put("/api/v1/tenants/" + tenant + "/approval-policy", OrderWorld.ADMIN, """
                {"autoApproveBelow": 20, "autoApproveCategories": ["STORAGE"], "twoApprovalsAbove": 300,
                 "escalateAfter": "PT24H", "expireAfter": "PT72H"}
                """);

        assertThat(quota.status()).as(quota.raw().body()).isEqualTo(200);
        assertThat(quota.json().path("limits").path("instances").asInt()).isEqualTo(3);
        assertThat(policy.status()).as(policy.raw().body()).isEqualTo(200);
        var stored = world.api
                .get("/api/v1/tenants/" + tenant + "/approval-policy", OrderWorld.ADMIN)
                .json();
        assertThat(stored.path("twoApprovalsAbove").decimalValue()).isEqualByComparingTo("300");
        assertThat(stored.path("autoApproveCategories").get(0).asString()).isEqualTo("STORAGE");
    }

    @Test
    void an_inconsistent_tenant_or_policy_is_refused_and_nothing_is_written() {
        int tenantsBefore = jdbc.queryForObject("select count(*) from tenant", Integer.class);

        ApiClient.Response orphanDirectorate = world.api.post("/api/v1/tenants", OrderWorld.ADMIN, """
                {"id": "orphan", "name": "Sans ministère", "kind": "DIRECTORATE", "parentId": "police",
                 "costCenters": [{"code": "CC-1", "name": "x"}],
                 "quota": {"vcpus": 1, "ramGb": 1, "volumeGb": 1, "instances": 1, "floatingIps": 1, "monthlyBudget": 1},
                 "approvalPolicy": {"autoApproveBelow": 0, "autoApproveCategories": [], "twoApprovalsAbove": 10,
                                    "escalateAfter": "PT1H", "expireAfter": "PT2H"}}
                """);
        ApiClient.Response negativeQuota = world.api.put("/api/v1/tenants/police/quota", OrderWorld.ADMIN, """
                {"vcpus": -1, "ramGb": 1, "volumeGb": 1, "instances": 1, "floatingIps": 1, "monthlyBudget": 1}
                """);
        ApiClient.Response expiresBeforeEscalating =
                world.api.put("/api/v1/tenants/police/approval-policy", OrderWorld.ADMIN, """
                {"autoApproveBelow": 0, "autoApproveCategories": [], "twoApprovalsAbove": 10,
                 "escalateAfter": "PT2H", "expireAfter": "PT1H"}
                """);

        assertThat(orphanDirectorate.status()).isEqualTo(422);
        assertThat(orphanDirectorate.json().path("detail").asString()).contains("belongs to a ministry");
        assertThat(negativeQuota.status()).isEqualTo(400);
        assertThat(negativeQuota.json().path("errors").findValuesAsString("field"))
                .containsExactly("vcpus");
        assertThat(expiresBeforeEscalating.status()).isEqualTo(422);
        assertThat(jdbc.queryForObject("select count(*) from tenant", Integer.class))
                .isEqualTo(tenantsBefore);
        assertThat(jdbc.queryForObject(
                        "select limit_vcpus from tenant_quota where tenant_id = 'police'", Integer.class))
                .isEqualTo(200);
    }
}
