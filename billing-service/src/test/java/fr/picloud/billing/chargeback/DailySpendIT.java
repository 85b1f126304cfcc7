package fr.picloud.billing.chargeback;

import static fr.picloud.billing.BillingWorld.FINANCE;
import static fr.picloud.billing.BillingWorld.completed;
import static fr.picloud.billing.BillingWorld.decommissioned;
import static fr.picloud.billing.BillingWorld.placed;
import static fr.picloud.billing.BillingWorld.server;
import static fr.picloud.billing.BillingWorld.unique;
import static fr.picloud.billing.BillingWorld.volume;
import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.billing.BillingServiceIT;
import fr.picloud.billing.BillingWorld;
import fr.picloud.billing.metering.application.Metering;
import fr.picloud.contracts.offering.OfferingPublished;
import fr.picloud.platform.test.ApiClient;
import fr.picloud.platform.test.MutableClock;
import fr.picloud.platform.test.TestTokens;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The month's spend day by day, read back from the same statements the chargeback gives. */
@BillingServiceIT
class DailySpendIT {

    @LocalServerPort
    int port;

    @Autowired
    Metering metering;

    @Autowired
    MutableClock clock;

    BillingWorld world;
    String ministry;
    String directorate;

    @BeforeEach
    void world() {
        world = new BillingWorld(port, metering);
        clock.set(Instant.parse("2024-07-10T12:00:00Z"));
        UUID offering = UUID.randomUUID();
        world.tell(new OfferingPublished(BillingWorld.offering(
                offering, 1, BillingWorld.prices(1, LocalDate.of(2024, 1, 1), BillingWorld.PRICES))));
        ministry = unique("min");
        directorate = unique("dir");
        world.tenant(BillingWorld.ministry(ministry, "900000"));
        world.tenant(BillingWorld.directorate(directorate, ministry, "50000"));
        // a server from 3 June 10:00:07 UTC to 17 June and a volume still there: every June day but two has
        // a share of an amount that does not divide evenly; the setup fee on the 3rd
        UUID order = UUID.randomUUID();
        Instant ready = Instant.parse("2024-06-03T10:00:07Z");
        world.tell(placed(order, directorate, offering, "CC-1"));
        world.tell(completed(
                order,
                directorate,
                offering,
                ready,
                server(unique("srv"), 3, 7, ready),
                volume(unique("vol"), 70, ready)));
        UUID other = UUID.randomUUID();
        Instant later = Instant.parse("2024-06-20T21:43:00Z");
        world.tell(placed(other, directorate, offering, "CC-2"));
        world.tell(completed(other, directorate, offering, later, server(unique("srv"), 1, 2, later)));
        world.tell(decommissioned(other, directorate, Instant.parse("2024-07-04T06:00:00Z")));
    }

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void a_month_s_days_sum_to_its_statement_to_the_cent() {
        JsonNode statement = world.statement(directorate, "2024-06");

        JsonNode daily = daily("2024-06", directorate, FINANCE);

        List<JsonNode> days = daily.path("days").valueStream().toList();
        assertThat(days).hasSize(30);
        assertThat(days.getFirst().path("date").asString()).isEqualTo("2024-06-01");
        assertThat(days.get(2).path("amount").decimalValue())
                .as("the 3rd: the setup fees and the first hours")
                .isGreaterThan(new BigDecimal("25"));
        assertThat(days.get(1).path("amount").decimalValue()).isZero();
        BigDecimal sum =
                days.stream().map(day -> day.path("amount").decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal total = statement.path("total").decimalValue();
        assertThat(sum).isEqualByComparingTo(total);
        assertThat(days.getLast().path("cumulative").decimalValue()).isEqualByComparingTo(total);
        assertThat(daily.path("total").decimalValue()).isEqualByComparingTo(total);
        assertThat(daily.path("zone").asString()).isEqualTo("Europe/Paris");
        assertThat(daily.path("tenants").findValuesAsString("tenant")).containsExactly(directorate);
        assertThat(daily.path("tenants").path(0).path("total").decimalValue()).isEqualByComparingTo(total);
    }

    @Test
    void the_current_month_runs_to_today() {
        JsonNode daily = daily("2024-07", directorate, FINANCE);

        assertThat(daily.path("status").asString()).isEqualTo("OPEN");
        assertThat(daily.path("days").findValuesAsString("date")).hasSize(10).endsWith("2024-07-10");
        assertThat(daily.path("total").decimalValue())
                .isEqualByComparingTo(
                        world.statement(directorate, "2024-07").path("total").decimalValue());
    }

    @Test
    void a_user_of_another_tenant_sees_no_series_of_it() {
        String sibling = unique("dir");
        world.tenant(BillingWorld.directorate(sibling, ministry, "50000"));
        String siblingAgent = TestTokens.token("agent-" + sibling, sibling, "agent");
        String own = TestTokens.token("agent-" + directorate, directorate, "agent");
        String ministryUser = TestTokens.token("agent-" + ministry, ministry, "agent");

        assertThat(get("2024-06", directorate, siblingAgent).status())
                .as("another directorate's series")
                .isEqualTo(404);
        assertThat(get("2024-06", null, siblingAgent).json().path("tenants").findValuesAsString("tenant"))
                .as("an unfiltered series shows a directorate its own tenant only")
                .doesNotContain(directorate);
        assertThat(get("2024-06", null, siblingAgent).json().path("total").decimalValue())
                .isZero();
        assertThat(get("2024-06", directorate, own).status()).isEqualTo(200);
        assertThat(daily("2024-06", null, ministryUser).path("tenants").findValuesAsString("tenant"))
                .as("a ministry sees its directorates'")
                .contains(directorate);
    }

    private ApiClient.Response get(String period, String tenant, String token) {
        return world.api.get(
                "/api/v1/chargeback/" + period + "/daily" + (tenant == null ? "" : "?tenant=" + tenant), token);
    }

    private JsonNode daily(String period, String tenant, String token) {
        ApiClient.Response response = get(period, tenant, token);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.json();
    }
}
