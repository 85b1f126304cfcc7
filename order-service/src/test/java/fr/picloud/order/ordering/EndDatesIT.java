package fr.picloud.order.ordering;

import static fr.picloud.order.OrderWorld.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.Topics;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.contracts.provisioning.ProvisioningCompleted;
import fr.picloud.order.OrderServiceIT;
import fr.picloud.order.OrderWorld;
import fr.picloud.order.ordering.application.EndDates;
import fr.picloud.platform.test.ApiClient;
import fr.picloud.platform.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * End dates over HTTP, the real broker and PostgreSQL, on a clock the test moves: an offering's
 * lifetime ceiling at placement, reminders before the end (one per threshold, through the outbox),
 * one extension by the owner, and the decommission the platform starts by itself at the date.
 */
@OrderServiceIT
class EndDatesIT {

    private static final List<ProvisionedResource> INVENTORY = List.of(
            new ProvisionedResource("network", "network", "net-1"),
            new ProvisionedResource("server-0", "server", "srv-1", "m1.small", 1, 2, null, null, Instant.now()));

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    EndDates endDates;

    OrderWorld world;
    String tenant;
    String agent;
    UUID offering;

    @BeforeEach
    void world() {
        world = new OrderWorld(port, jdbc);
        offering = world.offering(
                OrderWorld.vmStack(UUID.randomUUID(), "PUBLISHED").withMaxLifetimeDays(90));
        tenant = world.tenant(50, "100", "1000");
        agent = agent("agent-" + tenant, tenant);
    }

    @AfterEach
    void close() {
        world.assertLedgerConsistent();
        world.close();
    }

    @Test
    void an_offering_with_a_lifetime_ceiling_wants_an_end_date_within_it() {
        ApiClient.Response none = place(null);
        assertThat(none.status()).as(none.raw().body()).isEqualTo(422);
        assertThat(none.raw().body()).contains("endsAt").contains("90 days");

        ApiClient.Response beyond = place(clock.instant().plus(Duration.ofDays(91)));
        assertThat(beyond.status()).as(beyond.raw().body()).isEqualTo(422);
        assertThat(beyond.raw().body()).contains("90 days at most");

        ApiClient.Response tooSoon = place(clock.instant().plus(Duration.ofHours(2)));
        assertThat(tooSoon.status())
                .as("an end date at least a day ahead: %s", tooSoon.raw().body())
                .isEqualTo(422);
        assertThat(world.countOrdersOf(tenant)).as("nothing refused was stored").isZero();

        Instant endsAt = clock.instant().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        ApiClient.Response placed = place(endsAt);
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(201);
        UUID order = UUID.fromString(placed.json().path("id").asString());
        assertThat(Instant.parse(world.order(order, agent).path("endsAt").asString()))
                .isEqualTo(endsAt);
        JsonNode event = OrderWorld.payload(OrderWorld.recordsOf(Topics.ORDERS, order, "picloud.order.placed")
                .getFirst());
        assertThat(Instant.parse(event.path("endsAt").asString())).isEqualTo(endsAt);
    }

    @Test
    void reminders_come_once_each_the_owner_extends_once_and_the_platform_decommissions_at_the_date() {
        UUID order = completedOrder(clock.instant().plus(Duration.ofDays(20)));
        assertThat(endDates.process().reminded())
                .as("20 days left: no reminder yet")
                .isZero();

        clock.advance(Duration.ofDays(6).plusHours(1));
        endDates.process();
        assertThat(reminders(order)).as("14 days before").hasSize(1);
        endDates.process();
        assertThat(reminders(order)).as("each threshold once").hasSize(1);

        ApiClient.Response extended = setEnd(order, clock.instant().plus(Duration.ofDays(60)));
        assertThat(extended.status()).as(extended.raw().body()).isEqualTo(201);
        assertThat(extended.json().path("status").asString())
                .as("an end date takes effect at once")
                .isEqualTo("COMPLETED");
        assertThat(world.order(order, agent).path("endExtended").asBoolean()).isTrue();

        ApiClient.Response again = setEnd(order, clock.instant().plus(Duration.ofDays(70)));
        assertThat(again.status()).as("one extension: %s", again.raw().body()).isEqualTo(409);
        ApiClient.Response beyond = setEnd(order, clock.instant().plus(Duration.ofDays(95)));
        assertThat(beyond.status())
                .as("within the policy: %s", beyond.raw().body())
                .isEqualTo(422);
        String otherTenant = world.tenant(5, "100", "1000");
        ApiClient.Response other = world.api.post(
                "/api/v1/orders/" + order + "/operations",
                agent("agent-" + otherTenant, otherTenant),
                "{\"type\":\"SET_EXPIRY\",\"endsAt\":\"" + clock.instant().plus(Duration.ofDays(3)) + "\"}",
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(other.status())
                .as("another tenant's order: %s", other.raw().body())
                .isEqualTo(404);

        Instant earlier = clock.instant().plus(Duration.ofDays(10));
        ApiClient.Response forward = setEnd(order, earlier);
        assertThat(forward.status())
                .as("bringing it forward is always allowed: %s", forward.raw().body())
                .isEqualTo(201);

        clock.advance(Duration.ofDays(9).plusHours(12));
        endDates.process();
        assertThat(reminders(order))
                .as("half a day left for the new date: one reminder, not one per threshold passed")
                .hasSize(2);
        assertThat(world.status(order, agent)).isEqualTo("COMPLETED");

        clock.advance(Duration.ofDays(1));
        EndDates.Outcome ended = endDates.process();
        assertThat(ended.decommissioned()).isEqualTo(1);
        assertThat(endDates.process().decommissioned()).as("once").isZero();
        JsonNode view = world.order(order, agent);
        assertThat(view.path("status").asString()).isEqualTo("DECOMMISSIONING");
        assertThat(view.path("timeline").findValuesAsString("action"))
                .containsSubsequence(
                        "END_REMINDER", "END_DATE_SET", "END_REMINDER", "END_REACHED", "DECOMMISSION_REQUESTED");
        assertThat(OrderWorld.recordsOf(Topics.ORDERS, order, "picloud.order.end-reached"))
                .isNotEmpty();
        assertThat(
                        OrderWorld.recordsOf(
                                        Topics.PROVISIONING_COMMANDS, order, "picloud.order.decommission-requested")
                                .stream()
                                .filter(record -> "picloud.order.decommission-requested"
                                        .equals(OrderWorld.header(record, "ce_type")))
                                .count())
                .as("one decommission sent to provisioning")
                .isEqualTo(1);
    }

    private List<String> reminders(UUID order) {
        return world.order(order, agent).path("timeline").findValuesAsString("action").stream()
                .filter("END_REMINDER"::equals)
                .toList();
    }

    private UUID completedOrder(Instant endsAt) {
        ApiClient.Response placed = place(endsAt);
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(201);
        UUID order = UUID.fromString(placed.json().path("id").asString());
        world.sendOutcome(new ProvisioningCompleted(order, INVENTORY));
        await("order " + order + " COMPLETED")
                .atMost(Duration.ofSeconds(60))
                .until(() -> world.status(order, agent).equals("COMPLETED"));
        return order;
    }

    private ApiClient.Response place(Instant endsAt) {
        String body =
                """
                {"offeringId": "%s", "parameters": %s, "costCenter": "CC-1", "justification": "test bench"%s}
                """.formatted(offering, OrderWorld.SMALL_VM, endsAt == null ? "" : ", \"endsAt\": \"" + endsAt + "\"");
        return world.place(agent, body);
    }

    private ApiClient.Response setEnd(UUID order, Instant endsAt) {
        return world.api.post(
                "/api/v1/orders/" + order + "/operations",
                agent,
                "{\"type\":\"SET_EXPIRY\",\"endsAt\":\"" + endsAt + "\"}",
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    }
}
