package fr.picloud.order.ordering;

import static fr.picloud.order.OrderWorld.SMALL_VM;
import static fr.picloud.order.OrderWorld.agent;
import static fr.picloud.order.OrderWorld.approver;
import static fr.picloud.order.OrderWorld.body;
import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.contracts.Topics;
import fr.picloud.order.OrderServiceIT;
import fr.picloud.order.OrderWorld;
import fr.picloud.order.ordering.application.ApprovalDeadlines;
import fr.picloud.platform.test.ApiClient;
import fr.picloud.platform.test.MutableClock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Approval policies as data, separation of duties, escalation and expiry on a clock the test moves. */
@OrderServiceIT
class ApprovalIT {

    /** Ten m1.large servers with their volumes: about 615 EUR a month. */
    private static final String LARGE_VM =
            SMALL_VM.replace("m1.small", "m1.large").replace("\"instanceCount\": 1", "\"instanceCount\": 10");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    ApprovalDeadlines deadlines;

    OrderWorld world;
    UUID offering;

    @BeforeEach
    void world() {
        world = new OrderWorld(port, jdbc);
        offering = world.offering("PUBLISHED");
    }

    @AfterEach
    void close() {
        world.assertLedgerConsistent();
        world.close();
    }

    @Test
    void below_the_auto_approval_amount_an_order_goes_to_provisioning_with_its_bound_template() {
        String tenant = world.tenant(50, "100", "1000");
        String agent = agent("agent-" + tenant, tenant);

        ApiClient.Response placed = world.place(agent, body(offering, "CC-1", SMALL_VM));

        assertThat(placed.json().path("status").asString()).isEqualTo("PROVISIONING");
        UUID order = UUID.fromString(placed.json().path("id").asString());
        assertThat(world.order(order, agent).path("timeline").findValuesAsString("action"))
                .containsExactly("PLACED", "APPROVED", "PROVISIONING_REQUESTED");
        var command = OrderWorld.recordsOf(Topics.PROVISIONING_COMMANDS, order, "picloud.order.provisioning-requested")
                .getFirst();
        assertThat(OrderWorld.header(command, "ce_tenant")).isEqualTo(tenant);
        assertThat(OrderWorld.header(command, "ce_correlationid")).isEqualTo(order.toString());
        var resources = OrderWorld.payload(command).path("resources").path("resources");
        assertThat(resources.findValuesAsString("name")).containsExactlyInAnyOrder("network", "data-volume", "server");
        assertThat(resources.findValue("flavor").asString()).isEqualTo("m1.small");
        var events = OrderWorld.recordsOf(Topics.ORDERS, order, "picloud.order.placed", "picloud.order.approved");
        assertThat(events)
                .extracting(record -> OrderWorld.header(record, "ce_type"))
                .containsExactly("picloud.order.placed", "picloud.order.approved");
    }

    @Test
    void a_category_the_tenant_chose_is_approved_automatically_whatever_the_amount() {
        String tenant = world.tenant(50, "0", "1000");
        world.api.put("/api/v1/tenants/" + tenant + "/approval-policy", OrderWorld.ADMIN, """
                {"autoApproveBelow": 0, "autoApproveCategories": ["COMPUTE"], "twoApprovalsAbove": 1000,
                 "escalateAfter": "PT48H", "expireAfter": "PT120H"}
                """);

        ApiClient.Response placed = world.place(agent("agent-" + tenant, tenant), body(offering, "CC-1", SMALL_VM));

        assertThat(placed.json().path("status").asString()).isEqualTo("PROVISIONING");
    }

    @Test
    void between_the_two_amounts_one_approver_of_the_tenant_decides() {
        String tenant = world.tenant(50, "1", "1000");
        String agent = agent("agent-" + tenant, tenant);
        UUID order = world.placed(agent, offering, "CC-1");

        ApiClient.Response approved =
                world.api.post("/api/v1/orders/" + order + "/approve", approver("ann", tenant), "");

        assertThat(approved.status()).as(approved.raw().body()).isEqualTo(200);
        assertThat(approved.json().path("status").asString()).isEqualTo("PROVISIONING");
        var approval = approved.json().path("timeline").get(1);
        assertThat(approval.path("action").asString()).isEqualTo("APPROVED");
        assertThat(approval.path("actor").asString()).isEqualTo("ann");
        assertThat(approval.path("at").isMissingNode()).isFalse();
        assertThat(world.api
                        .post("/api/v1/orders/" + order + "/approve", approver("bob", tenant), "")
                        .status())
                .as("approving an order already in provisioning")
                .isEqualTo(409);
        assertThat(world.api
                        .post("/api/v1/orders/" + order + "/approve", agent, "")
                        .status())
                .as("an agent is no approver")
                .isEqualTo(403);
    }

    @Test
    void above_the_second_amount_two_different_approvers_are_needed() {
        String tenant = world.tenant(50, "1", "100");
        UUID order = UUID.fromString(world.place(agent("agent-" + tenant, tenant), body(offering, "CC-1", LARGE_VM))
                .json()
                .path("id")
                .asString());

        ApiClient.Response first = world.api.post("/api/v1/orders/" + order + "/approve", approver("ann", tenant), "");
        ApiClient.Response sameAgain =
                world.api.post("/api/v1/orders/" + order + "/approve", approver("ann", tenant), "");
        ApiClient.Response second = world.api.post("/api/v1/orders/" + order + "/approve", approver("bob", tenant), "");

        assertThat(first.json().path("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(first.json().path("requiredApprovals").asInt()).isEqualTo(2);
        assertThat(sameAgain.status()).isEqualTo(422);
        assertThat(sameAgain.json().path("detail").asString()).contains("already approved");
        assertThat(second.json().path("status").asString()).isEqualTo("PROVISIONING");
        assertThat(second.json().path("approvers").toString()).isEqualTo("[\"ann\",\"bob\"]");
        assertThat(second.json().path("timeline").findValuesAsString("action"))
                .containsExactly("PLACED", "APPROVAL_RECORDED", "APPROVED", "PROVISIONING_REQUESTED");
    }

    @Test
    void a_rejection_releases_the_reservation_and_is_audited() {
        String tenant = world.tenant(50, "1", "1000");
        String agent = agent("agent-" + tenant, tenant);
        UUID order = world.placed(agent, offering, "CC-1");

        ApiClient.Response rejected = world.api.post(
                "/api/v1/orders/" + order + "/reject",
                approver("ann", tenant),
                "{\"reason\": \"use the shared cluster\"}");

        assertThat(rejected.json().path("status").asString()).isEqualTo("REJECTED");
        var entry = rejected.json().path("timeline").get(1);
        assertThat(entry.path("actor").asString()).isEqualTo("ann");
        assertThat(entry.path("reason").asString()).isEqualTo("use the shared cluster");
        assertThat(world.api
                        .get("/api/v1/tenants/" + tenant + "/quota", agent)
                        .json()
                        .path("held")
                        .path("instances")
                        .asInt())
                .isZero();
        assertThat(world.api
                        .post("/api/v1/orders/" + order + "/cancel", agent, "{}")
                        .status())
                .isEqualTo(409);
        assertThat(OrderWorld.recordsOf(Topics.ORDERS, order, "picloud.order.rejected"))
                .isNotEmpty();
    }

    @Test
    void a_pending_approval_escalates_then_expires_and_releases_its_reservation() {
        String tenant = world.tenant(50, "1", "1000");
        world.api.put("/api/v1/tenants/" + tenant + "/approval-policy", OrderWorld.ADMIN, """
                {"autoApproveBelow": 1, "autoApproveCategories": [], "twoApprovalsAbove": 1000,
                 "escalateAfter": "PT10H", "expireAfter": "PT30H"}
                """);
        String agent = agent("agent-" + tenant, tenant);
        UUID order = world.placed(agent, offering, "CC-1");

        clock.advance(Duration.ofHours(9));
        deadlines.process();
        assertThat(world.order(order, agent).path("timeline")).hasSize(1);

        clock.advance(Duration.ofHours(2));
        deadlines.process();
        var escalated = world.order(order, agent);
        assertThat(escalated.path("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(escalated.path("timeline").findValuesAsString("action")).containsExactly("PLACED", "ESCALATED");
        deadlines.process();
        assertThat(world.order(order, agent).path("timeline"))
                .as("an order escalates once")
                .hasSize(2);

        clock.advance(Duration.ofHours(20));
        deadlines.process();
        var expired = world.order(order, agent);
        assertThat(expired.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(expired.path("timeline").findValuesAsString("action"))
                .containsExactly("PLACED", "ESCALATED", "EXPIRED");
        assertThat(world.api
                        .get("/api/v1/tenants/" + tenant + "/quota", agent)
                        .json()
                        .path("held")
                        .path("instances")
                        .asInt())
                .isZero();
        assertThat(OrderWorld.recordsOf(
                        Topics.ORDERS, order, "picloud.order.approval-escalated", "picloud.order.expired"))
                .isNotEmpty();
        ApiClient.Response late = world.api.post("/api/v1/orders/" + order + "/approve", approver("ann", tenant), "");
        assertThat(late.status()).as("an approval after the expiry").isEqualTo(409);
        assertThat(world.order(order, agent).path("timeline")).hasSize(3);
    }
}
