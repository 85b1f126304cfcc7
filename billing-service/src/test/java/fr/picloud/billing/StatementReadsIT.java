package fr.picloud.billing;

import static fr.picloud.billing.BillingWorld.FINANCE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.billing.metering.application.Metering;
import fr.picloud.platform.test.MutableClock;
import fr.picloud.platform.test.TestTokens;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reading statements writes nothing, and each role reads the statements it may and no others. */
@BillingServiceIT
class StatementReadsIT {

    @LocalServerPort
    int port;

    @Autowired
    Metering metering;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    BillingWorld world;
    String ministry;
    String directorate;
    UUID order;

    @BeforeEach
    void world() {
        world = new BillingWorld(port, metering);
        clock.set(Instant.parse("2025-11-20T12:00:00Z"));
        ministry = BillingWorld.unique("min");
        directorate = BillingWorld.unique("dir");
        world.tenant(BillingWorld.ministry(ministry, "900000"));
        world.tenant(BillingWorld.directorate(directorate, ministry, "50000"));
        // usage of an offering the price book does not know: rating it holds it aside
        UUID offering = UUID.randomUUID();
        order = UUID.randomUUID();
        Instant ready = Instant.parse("2025-11-10T08:00:00Z");
        world.tell(BillingWorld.placed(order, directorate, offering, "CC-1"));
        world.tell(BillingWorld.completed(
                order, directorate, offering, ready, BillingWorld.volume(BillingWorld.unique("vol"), 50, ready)));
    }

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void reading_an_open_periods_chargeback_statement_and_spend_writes_nothing() {
        String agent = TestTokens.token("agent-" + directorate, directorate, "agent");

        assertThat(world.api.get("/api/v1/chargeback/2025-11", FINANCE).status())
                .isEqualTo(200);
        assertThat(world.api
                        .get("/api/v1/chargeback/2025-11?tenant=" + directorate, FINANCE)
                        .status())
                .isEqualTo(200);
        assertThat(world.csv("/api/v1/statements/" + directorate + "/2025-11", agent)
                        .status())
                .isEqualTo(200);
        assertThat(world.api
                        .get("/api/v1/tenants/" + directorate + "/spend", agent)
                        .status())
                .isEqualTo(200);

        assertThat(heldAsideRows()).as("reads recorded nothing").isZero();
        assertThat(world.api.post("/api/v1/unpriced/refresh", agent, "").status())
                .as("only finance rates on request")
                .isEqualTo(403);
        assertThat(world.api.post("/api/v1/unpriced/refresh", FINANCE, "").status())
                .isEqualTo(200);
        assertThat(heldAsideRows())
                .as("the explicit rating path records what is held aside (the setup fee and the volume)")
                .isPositive();
    }

    @Test
    void finance_reads_every_statement_a_tenant_its_own_and_a_ministry_its_directorates() {
        String path = "/api/v1/statements/" + directorate + "/2025-11";
        String own = TestTokens.token("agent-" + directorate, directorate, "agent");
        String ministryUser = TestTokens.token("agent-" + ministry, ministry, "agent");
        String sibling = BillingWorld.unique("dir");
        world.tenant(BillingWorld.directorate(sibling, ministry, "50000"));
        String siblingAgent = TestTokens.token("agent-" + sibling, sibling, "agent");
        String otherMinistry = TestTokens.token("agent-justice", "justice", "agent");

        assertThat(world.api.get(path, FINANCE).status()).as("finance").isEqualTo(200);
        assertThat(world.api.get(path, own).status())
                .as("the directorate itself")
                .isEqualTo(200);
        assertThat(world.api.get(path, ministryUser).status())
                .as("its ministry")
                .isEqualTo(200);
        assertThat(world.api.get(path, siblingAgent).status())
                .as("another directorate of the same ministry")
                .isEqualTo(404);
        assertThat(world.api.get(path, otherMinistry).status())
                .as("another ministry")
                .isEqualTo(404);
        assertThat(world.api
                        .get("/api/v1/chargeback/2025-11?tenant=" + directorate, siblingAgent)
                        .status())
                .isEqualTo(404);
        assertThat(world.api
                        .get("/api/v1/chargeback/2025-11", siblingAgent)
                        .json()
                        .findValuesAsString("tenant"))
                .as("an unfiltered chargeback shows a directorate its own statement only")
                .doesNotContain(directorate);
        assertThat(world.api.get("/api/v1/unpriced", own).status())
                .as("the usage held aside is finance's")
                .isEqualTo(403);
    }

    private int heldAsideRows() {
        return jdbc.queryForObject("select count(*) from unpriced_usage where order_id = ?", Integer.class, order);
    }
}
