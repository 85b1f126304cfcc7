package fr.picloud.billing.chargeback;

import static fr.picloud.billing.BillingWorld.FINANCE;
import static fr.picloud.billing.BillingWorld.completed;
import static fr.picloud.billing.BillingWorld.decommissioned;
import static fr.picloud.billing.BillingWorld.network;
import static fr.picloud.billing.BillingWorld.operated;
import static fr.picloud.billing.BillingWorld.placed;
import static fr.picloud.billing.BillingWorld.server;
import static fr.picloud.billing.BillingWorld.unique;
import static fr.picloud.billing.BillingWorld.volume;
import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.billing.BillingServiceIT;
import fr.picloud.billing.BillingWorld;
import fr.picloud.billing.metering.application.Metering;
import fr.picloud.contracts.Message;
import fr.picloud.contracts.offering.OfferingPublished;
import fr.picloud.contracts.offering.PriceUnit;
import fr.picloud.contracts.order.OperationType;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.platform.test.ApiClient;
import fr.picloud.platform.test.MutableClock;
import fr.picloud.platform.test.TestTokens;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Metering, rating, statements and closing on a clock the test sets. Each test uses months and
 * tenants of its own: the context (and its database) is shared.
 */
@BillingServiceIT
class ChargebackIT {

    @LocalServerPort
    int port;

    @Autowired
    Metering metering;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    BillingWorld world;
    UUID offering;

    @BeforeEach
    void world() {
        world = new BillingWorld(port, metering);
        offering = UUID.randomUUID();
        // v1 since 2024; from 15 January 2025 (00:00 Paris) a vCPU hour costs twice as much
        Map<PriceUnit, BigDecimal> dearer = new HashMap<>(BillingWorld.PRICES);
        dearer.put(PriceUnit.VCPU_HOUR, new BigDecimal("0.025"));
        world.tell(new OfferingPublished(BillingWorld.offering(
                offering,
                2,
                BillingWorld.prices(1, LocalDate.of(2024, 1, 1), BillingWorld.PRICES),
                BillingWorld.prices(2, LocalDate.of(2025, 1, 15), dearer))));
    }

    @AfterEach
    void close() {
        world.close();
    }

    private static List<JsonNode> lines(JsonNode statement) {
        return StreamSupport.stream(statement.path("lines").spliterator(), false)
                .toList();
    }

    private static List<JsonNode> linesOf(JsonNode statement, String unit) {
        return lines(statement).stream()
                .filter(line -> line.path("unit").asString().equals(unit))
                .toList();
    }

    @Test
    void usage_is_prorated_to_the_second_and_split_where_the_price_changes() {
        clock.set(Instant.parse("2025-02-10T09:00:00Z"));
        String tenant = unique("dir");
        world.tenant(BillingWorld.directorate(tenant, "interieur", "100000"));
        UUID order = UUID.randomUUID();
        String serverId = unique("srv");
        world.tell(placed(order, tenant, offering, "CC-2"));
        Instant ready = Instant.parse("2025-01-10T10:00:07Z");
        world.tell(completed(
                order,
                tenant,
                offering,
                ready.plusSeconds(3),
                network(unique("net"), ready),
                server(serverId, 2, 4, ready),
                volume(unique("vol"), 50, ready)));
        Instant deleted = Instant.parse("2025-01-20T10:00:00Z");
        world.tell(decommissioned(order, tenant, deleted));

        JsonNode statement = world.statement(tenant, "2025-01");

        assertThat(statement.path("status").asString()).isEqualTo("OPEN");
        List<JsonNode> vcpu = linesOf(statement, "VCPU_HOUR");
        assertThat(vcpu).extracting(line -> line.path("priceVersion").asInt()).containsExactly(1, 2);
        // 10 Jan 10:00:07 UTC to 14 Jan 23:00 UTC (15 Jan 00:00 Paris): 392,393 s, then to 20 Jan 10:00: 471,600 s
        assertThat(vcpu).extracting(line -> line.path("seconds").asLong()).containsExactly(392_393L, 471_600L);
        assertThat(vcpu.get(0).path("amount").decimalValue()).isEqualByComparingTo("2.72"); // 2 x 0.0125 x 108.998 h
        assertThat(vcpu.get(1).path("amount").decimalValue()).isEqualByComparingTo("6.55"); // 2 x 0.025 x 131 h
        List<JsonNode> ram = linesOf(statement, "RAM_GB_HOUR");
        assertThat(ram).extracting(line -> line.path("seconds").asLong()).containsExactly(392_393L, 471_600L);
        assertThat(linesOf(statement, "VOLUME_GB_MONTH")).hasSize(2);
        assertThat(linesOf(statement, "SETUP_FEE"))
                .singleElement()
                .satisfies(fee -> assertThat(fee.path("amount").decimalValue()).isEqualByComparingTo("25.00"));
        assertThat(lines(statement)).allSatisfy(line -> {
            assertThat(line.path("orderId").asString()).isEqualTo(order.toString());
            assertThat(line.path("costCenter").asString()).isEqualTo("CC-2");
            assertThat(line.path("sagaId").isNull()).isFalse();
        });
        BigDecimal sum = lines(statement).stream()
                .map(line -> line.path("amount").decimalValue())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(statement.path("total").decimalValue()).isEqualByComparingTo(sum);
        assertThat(statement.path("costCenters").findValuesAsString("costCenter"))
                .containsExactly("CC-2");
        assertThat(statement.path("ministry").asString()).isEqualTo("interieur");

        JsonNode trace = world.api
                .get(
                        "/api/v1/statements/" + tenant + "/2025-01/lines/"
                                + vcpu.get(1).path("id").asString(),
                        FINANCE)
                .json();
        assertThat(trace.path("order").path("costCenter").asString()).isEqualTo("CC-2");
        assertThat(trace.path("resource").path("resourceId").asString()).isEqualTo(serverId);
        assertThat(trace.path("resource").path("startedAt").asString()).isEqualTo(ready.toString());
        assertThat(trace.path("resource").path("endedAt").asString()).isEqualTo(deleted.toString());
        assertThat(trace.path("explanation").asString()).contains("price version 2");

        JsonNode usage = world.api
                .get("/api/v1/orders/" + order + "/usage/2025-01", FINANCE)
                .json();
        assertThat(usage.path("resources").findValuesAsString("resourceId"))
                .hasSize(3)
                .contains(serverId);
        assertThat(usage.path("lines").findValuesAsString("id"))
                .contains(vcpu.get(1).path("id").asString());
        assertThat(usage.path("total").decimalValue())
                .isEqualByComparingTo(statement.path("total").decimalValue());

        JsonNode chargeback = world.chargeback("2025-01");
        JsonNode interieur = StreamSupport.stream(chargeback.path("ministries").spliterator(), false)
                .filter(rollup -> rollup.path("ministry").asString().equals("interieur"))
                .findFirst()
                .orElseThrow();
        assertThat(interieur.path("directorates").path(tenant).decimalValue())
                .isEqualByComparingTo(statement.path("total").decimalValue());
        assertThat(chargeback.path("platformTotal").decimalValue())
                .isEqualByComparingTo(
                        StreamSupport.stream(chargeback.path("statements").spliterator(), false)
                                .map(each -> each.path("total").decimalValue())
                                .reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    @Test
    void day_two_operations_are_metered_from_their_completion() {
        clock.set(Instant.parse("2025-07-20T12:00:00Z"));
        String tenant = unique("dir");
        world.tenant(BillingWorld.directorate(tenant, "interieur", "100000"));
        UUID order = UUID.randomUUID();
        String serverId = unique("srv");
        String volumeId = unique("vol");
        String snapshotId = unique("snap");
        Instant ready = Instant.parse("2025-07-10T10:00:00Z");
        world.tell(placed(order, tenant, offering, "CC-1"));
        world.tell(
                completed(order, tenant, offering, ready, server(serverId, 2, 4, ready), volume(volumeId, 50, ready)));
        Instant resized = Instant.parse("2025-07-10T11:00:00Z");
        Message resize = operated(order, tenant, OperationType.RESIZE, server(serverId, 4, 8, ready), resized);
        world.tell(resize);
        world.tell(resize); // delivered again under another event id: the new flavor's usage stays open
        Instant snapshotted = Instant.parse("2025-07-10T12:00:00Z");
        ProvisionedResource snapshot = new ProvisionedResource(
                "snapshot", "volume-snapshot", snapshotId, null, null, null, 50, null, snapshotted);
        world.tell(operated(order, tenant, OperationType.SNAPSHOT, snapshot, snapshotted));
        world.tell(operated(order, tenant, OperationType.STOP, server(serverId, 4, 8, ready), snapshotted));
        Instant extended = Instant.parse("2025-07-11T10:00:00Z");
        world.tell(operated(order, tenant, OperationType.EXTEND_VOLUME, volume(volumeId, 80, ready), extended));
        world.tell(operated(
                order, tenant, OperationType.DELETE_SNAPSHOT, snapshot, Instant.parse("2025-07-11T12:00:00Z")));
        world.tell(decommissioned(order, tenant, Instant.parse("2025-07-12T10:00:00Z")));

        JsonNode statement = world.statement(tenant, "2025-07");

        // 2 vCPU for the hour before the resize, 4 for the 47 hours after it, to the decommission
        List<JsonNode> vcpu = byStart(linesOf(statement, "VCPU_HOUR"));
        assertThat(vcpu)
                .extracting(line -> line.path("quantity").decimalValue().intValue())
                .containsExactly(2, 4);
        assertThat(vcpu).extracting(line -> line.path("seconds").asLong()).containsExactly(3_600L, 169_200L);
        assertThat(vcpu)
                .extracting(line -> line.path("usageFrom").asString())
                .containsExactly(ready.toString(), resized.toString());
        assertThat(vcpu.get(1).path("amount").decimalValue()).isEqualByComparingTo("4.70"); // 4 x 0.025 x 47 h
        assertThat(byStart(linesOf(statement, "RAM_GB_HOUR")))
                .extracting(line -> line.path("quantity").decimalValue().intValue())
                .containsExactly(4, 8);
        // the volume at 50 GB for a day, at 80 GB the next; the snapshot's 50 GB for its day
        List<JsonNode> storage = byStart(linesOf(statement, "VOLUME_GB_MONTH"));
        assertThat(storage)
                .extracting(line -> line.path("resourceKind").asString()
                        + " " + line.path("quantity").decimalValue().intValue()
                        + " GB " + line.path("seconds").asLong() + " s")
                .containsExactly("volume 50 GB 86400 s", "volume-snapshot 50 GB 86400 s", "volume 80 GB 86400 s");
        assertThat(storage.get(2).path("resourceId").asString()).startsWith(volumeId + "@");
        BigDecimal sum = lines(statement).stream()
                .map(line -> line.path("amount").decimalValue())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(statement.path("total").decimalValue()).isEqualByComparingTo(sum);
    }

    private static List<JsonNode> byStart(List<JsonNode> lines) {
        return lines.stream()
                .sorted(java.util.Comparator.comparing(
                        line -> line.path("usageFrom").asString()))
                .toList();
    }

    @Test
    void an_event_late_for_a_closed_period_becomes_an_adjustment_of_the_next_open_one() {
        clock.set(Instant.parse("2025-04-02T08:00:00Z"));
        String tenant = unique("dir");
        world.tenant(BillingWorld.directorate(tenant, "interieur", "100000"));
        UUID order = UUID.randomUUID();
        String serverId = unique("srv");
        world.tell(placed(order, tenant, offering, "CC-1"));
        world.tell(completed(
                order,
                tenant,
                offering,
                Instant.parse("2025-02-20T10:00:00Z"),
                server(serverId, 4, 8, Instant.parse("2025-02-20T10:00:00Z"))));

        assertThat(world.close("2025-04").status()).as("the current month").isEqualTo(422);
        assertThat(world.close("2025-03").status()).isEqualTo(200);
        assertThat(world.close("2025-03").status()).as("closing twice").isEqualTo(409);
        JsonNode closed = world.statement(tenant, "2025-03");
        assertThat(closed.path("status").asString()).isEqualTo("CLOSED");
        JsonNode closedVcpu = linesOf(closed, "VCPU_HOUR").getFirst();
        assertThat(closedVcpu.path("usageTo").asString()).isEqualTo("2025-03-31T22:00:00Z");
        // 4 vCPU x 0.025 x 743 h (March in Paris)
        assertThat(closedVcpu.path("amount").decimalValue()).isEqualByComparingTo("74.30");

        // the decommission of 16 March arrives in April
        clock.set(Instant.parse("2025-04-03T08:00:00Z"));
        world.tell(decommissioned(order, tenant, Instant.parse("2025-03-16T23:00:00Z"), server(serverId, 4, 8, null)));

        assertThat(world.statement(tenant, "2025-03"))
                .as("a closed statement is never rewritten")
                .isEqualTo(closed);
        JsonNode april = world.statement(tenant, "2025-04");
        List<JsonNode> adjustments = lines(april).stream()
                .filter(line -> line.path("kind").asString().equals("ADJUSTMENT"))
                .toList();
        assertThat(lines(april)).as("nothing ran in April").hasSameSizeAs(adjustments);
        JsonNode vcpuAdjustment = linesOf(april, "VCPU_HOUR").getFirst();
        assertThat(vcpuAdjustment.path("correctsPeriod").asString()).isEqualTo("2025-03");
        assertThat(vcpuAdjustment.path("correctsLineId").asString())
                .isEqualTo(closedVcpu.path("id").asString());
        // should have been 4 x 0.025 x 384 h = 38.40 instead of 74.30
        assertThat(vcpuAdjustment.path("amount").decimalValue()).isEqualByComparingTo("-35.90");
        world.chargeback("2025-04");

        // closing April freezes the adjustment; May has nothing left to correct
        clock.set(Instant.parse("2025-05-01T08:00:00Z"));
        assertThat(world.close("2025-04").status()).isEqualTo(200);
        assertThat(linesOf(world.statement(tenant, "2025-04"), "VCPU_HOUR"))
                .extracting(line -> line.path("amount").decimalValue())
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("-35.90"));
        assertThat(lines(world.statement(tenant, "2025-05"))).isEmpty();
        world.chargeback("2025-04");
        world.chargeback("2025-03");
    }

    @Test
    void duplicate_late_and_out_of_order_events_give_the_statement_of_events_in_order() {
        clock.set(Instant.parse("2025-06-05T08:00:00Z"));
        String inOrder = unique("dir");
        String shuffled = unique("dir");
        Map<String, List<Message>> events = new HashMap<>();
        for (String tenant : List.of(inOrder, shuffled)) {
            world.tenant(BillingWorld.directorate(tenant, "justice", "100000"));
            UUID order = UUID.nameUUIDFromBytes(tenant.getBytes());
            Instant ready = Instant.parse("2025-05-03T07:59:59Z");
            var srv = server("srv-" + tenant, 2, 8, ready);
            var vol = volume("vol-" + tenant, 120, ready.plusSeconds(17));
            List<Message> story = new ArrayList<>(List.of(
                    placed(order, tenant, offering, "CC-1"),
                    completed(order, tenant, offering, ready.plusSeconds(20), srv, vol),
                    decommissioned(order, tenant, Instant.parse("2025-05-28T16:45:13Z"), srv, vol)));
            events.put(tenant, story);
        }
        events.get(inOrder).forEach(world::tell);
        List<Message> story = events.get(shuffled);
        world.tell(story.get(2));
        world.tell(story.get(1));
        world.tell(story.get(2));
        world.tell(story.get(1));
        world.tell(story.get(0));
        world.tell(story.get(0));

        JsonNode expected = world.statement(inOrder, "2025-05");
        JsonNode actual = world.statement(shuffled, "2025-05");

        assertThat(lines(actual)).hasSize(lines(expected).size()).hasSize(4);
        assertThat(actual.path("total").decimalValue())
                .isEqualByComparingTo(expected.path("total").decimalValue());
        for (int i = 0; i < lines(expected).size(); i++) {
            JsonNode want = lines(expected).get(i);
            JsonNode got = lines(actual).get(i);
            for (String field :
                    List.of("unit", "seconds", "amount", "usageFrom", "usageTo", "priceVersion", "costCenter")) {
                assertThat(got.path(field)).as(field).isEqualTo(want.path(field));
            }
        }
    }

    @Test
    void bad_requests_are_refused_with_problem_details() {
        clock.set(Instant.parse("2025-08-10T08:00:00Z"));
        String ministry = unique("min");
        String police = unique("dir");
        String secciv = unique("dir");
        world.tenant(BillingWorld.ministry(ministry, "1000"));
        world.tenant(BillingWorld.directorate(police, ministry, "1000"));
        world.tenant(BillingWorld.directorate(secciv, ministry, "1000"));
        String policeAgent = fr.picloud.platform.test.TestTokens.token("agent-1", police, "agent");
        String ministryUser = fr.picloud.platform.test.TestTokens.token("sg-1", ministry, "approver");

        var malformed = world.api.get("/api/v1/chargeback/2026-13", FINANCE);
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");
        assertThat(malformed.json().path("errors").findValuesAsString("field")).containsExactly("period");
        assertThat(world.api.get("/api/v1/chargeback/2025-09", FINANCE).status())
                .as("future")
                .isEqualTo(422);
        assertThat(world.close("2025-09").status()).as("close a future month").isEqualTo(422);
        assertThat(world.close("2025-13").status()).isEqualTo(422);
        assertThat(world.api
                        .post("/api/v1/periods/2025-07/close", policeAgent, "")
                        .status())
                .isEqualTo(403);

        BillingWorld.Csv otherCsv = world.csv("/api/v1/chargeback/2025-08?tenant=" + secciv, policeAgent);
        assertThat(otherCsv.status()).as("CSV of a tenant one cannot see").isEqualTo(404);
        assertThat(otherCsv.contentType()).startsWith("application/problem+json");
        assertThat(world.api
                        .get("/api/v1/statements/" + secciv + "/2025-08", policeAgent)
                        .status())
                .isEqualTo(404);
        assertThat(world.api
                        .get("/api/v1/statements/" + police + "/2025-08", policeAgent)
                        .status())
                .isEqualTo(200);
        assertThat(world.api
                        .get("/api/v1/statements/" + secciv + "/2025-08", ministryUser)
                        .status())
                .as("a ministry sees its directorates")
                .isEqualTo(200);
        assertThat(world.api
                        .get("/api/v1/tenants/" + secciv + "/spend", policeAgent)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void budget_alerts_are_raised_once_per_threshold_and_month() {
        clock.set(Instant.parse("2025-10-01T00:00:00Z"));
        String tenant = unique("dir");
        world.tenant(BillingWorld.directorate(tenant, "interieur", "200"));
        // October 2025 in Paris has 745 hours; a vCPU hour costs 0.025, each order a 25.00 setup fee
        Instant start = Instant.parse("2025-09-30T22:00:00Z");
        UUID first = UUID.randomUUID();
        world.tell(placed(first, tenant, offering, "CC-1"));
        world.tell(completed(first, tenant, offering, start, server(unique("srv"), 4, 0, start)));
        assertThat(alerts(tenant)).as("99.50 projected").isEmpty();

        UUID second = UUID.randomUUID();
        var secondServer = server(unique("srv"), 2, 0, start);
        world.tell(placed(second, tenant, offering, "CC-1"));
        world.tell(completed(second, tenant, offering, start, secondServer));
        assertThat(alerts(tenant)).as("161.75 projected").containsExactly(80);
        JsonNode spend =
                world.api.get("/api/v1/tenants/" + tenant + "/spend", FINANCE).json();
        assertThat(spend.path("monthToDate").decimalValue()).isEqualByComparingTo("50.30"); // fees + 2 h of 6 vCPU
        assertThat(spend.path("projected").decimalValue()).isEqualByComparingTo("161.75");
        assertThat(spend.path("forecast").decimalValue()).isEqualByComparingTo("111.45");
        assertThat(spend.path("budget").decimalValue()).isEqualByComparingTo("200");

        clock.set(Instant.parse("2025-10-02T00:00:00Z"));
        world.tell(completed(second, tenant, offering, start, secondServer));
        assertThat(alerts(tenant)).as("the same event again").containsExactly(80);

        UUID third = UUID.randomUUID();
        world.tell(placed(third, tenant, offering, "CC-2"));
        world.tell(completed(third, tenant, offering, start, server(unique("srv"), 1, 0, start)));
        assertThat(alerts(tenant)).as("205.38 projected").containsExactly(80, 100);
        List<JsonNode> published = BillingWorld.recordsOn(fr.picloud.contracts.Topics.BILLING, tenant, 2);
        assertThat(published)
                .extracting(event -> event.path("thresholdPercent").asInt())
                .containsExactly(80, 100);
        assertThat(published.getFirst().path("period").asString()).isEqualTo("2025-10");
        assertThat(published.getFirst().path("projected").decimalValue()).isEqualByComparingTo("161.75");
    }

    @Test
    void a_month_s_days_sum_to_its_statement_to_the_cent() {
        String directorate = juneAndJulyUsage().directorate();
        JsonNode statement = world.statement(directorate, "2024-06");

        JsonNode daily = dailyOk("2024-06", directorate, FINANCE);

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
    void the_current_month_s_days_run_to_today() {
        String directorate = juneAndJulyUsage().directorate();
        JsonNode daily = dailyOk("2024-07", directorate, FINANCE);

        assertThat(daily.path("status").asString()).isEqualTo("OPEN");
        assertThat(daily.path("days").findValuesAsString("date")).hasSize(10).endsWith("2024-07-10");
        assertThat(daily.path("total").decimalValue())
                .isEqualByComparingTo(
                        world.statement(directorate, "2024-07").path("total").decimalValue());
    }

    @Test
    void a_user_of_another_tenant_sees_no_daily_series_of_it() {
        Tenancy tenancy = juneAndJulyUsage();
        String ministry = tenancy.ministry();
        String directorate = tenancy.directorate();
        String sibling = unique("dir");
        world.tenant(BillingWorld.directorate(sibling, ministry, "50000"));
        String siblingAgent = TestTokens.token("agent-" + sibling, sibling, "agent");
        String own = TestTokens.token("agent-" + directorate, directorate, "agent");
        String ministryUser = TestTokens.token("agent-" + ministry, ministry, "agent");

        assertThat(daily("2024-06", directorate, siblingAgent).status())
                .as("another directorate's series")
                .isEqualTo(404);
        assertThat(daily("2024-06", null, siblingAgent).json().path("tenants").findValuesAsString("tenant"))
                .as("an unfiltered series shows a directorate its own tenant only")
                .doesNotContain(directorate);
        assertThat(daily("2024-06", null, siblingAgent).json().path("total").decimalValue())
                .isZero();
        assertThat(daily("2024-06", directorate, own).status()).isEqualTo(200);
        assertThat(dailyOk("2024-06", null, ministryUser).path("tenants").findValuesAsString("tenant"))
                .as("a ministry sees its directorates'")
                .contains(directorate);
    }

    private record Tenancy(String ministry, String directorate) {}

    /**
     * A ministry and its directorate on 10 July 2024: a server from 3 June 10:00:07 UTC and a volume
     * still running (amounts that do not divide evenly over the days), another server from 20 June to
     * 4 July; each order's setup fee on the day it completed.
     */
    private Tenancy juneAndJulyUsage() {
        clock.set(Instant.parse("2024-07-10T12:00:00Z"));
        String ministry = unique("min");
        String directorate = unique("dir");
        world.tenant(BillingWorld.ministry(ministry, "900000"));
        world.tenant(BillingWorld.directorate(directorate, ministry, "50000"));
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
        return new Tenancy(ministry, directorate);
    }

    private ApiClient.Response daily(String period, String tenant, String token) {
        return world.api.get(
                "/api/v1/chargeback/" + period + "/daily" + (tenant == null ? "" : "?tenant=" + tenant), token);
    }

    private JsonNode dailyOk(String period, String tenant, String token) {
        ApiClient.Response response = daily(period, tenant, token);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.json();
    }

    private List<Integer> alerts(String tenant) {
        return jdbc.queryForList(
                "select threshold_percent from budget_alert where tenant = ? order by threshold_percent",
                Integer.class,
                tenant);
    }
}
