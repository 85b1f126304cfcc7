package fr.picloud.billing.bench;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.billing.chargeback.application.Chargebacks;
import fr.picloud.platform.test.ApiClient;
import fr.picloud.platform.test.MutableClock;
import fr.picloud.platform.test.PiCloudIntegrationTest;
import fr.picloud.platform.test.TestTokens;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Rates and issues the statements of one month of 50,000 resources across 200 tenants (about 36
 * million resource-hours, with a price change mid-month), through the API as finance closes it,
 * and runs a single SQL aggregate over the same usage rows (the floor). Prints the figures, writes
 * them to target/benchmark/billing-benchmark.txt, and asserts that the service and the floor agree
 * within line rounding. Not part of {@code verify}: {@code ./mvnw -pl billing-service verify -Pbenchmark}.
 * Sizes: {@code -Dbench.resources}, {@code -Dbench.tenants}, {@code -Dbench.seed}.
 */
@PiCloudIntegrationTest
@Import(MutableClock.Config.class)
@TestPropertySource(
        properties = {
            "logging.level.root=WARN",
            "logging.level.fr.picloud.billing=INFO",
            "picloud.billing.budget-check-interval=PT24H"
        })
class BillingBenchmark {

    private static final int RESOURCES = Integer.getInteger("bench.resources", 50_000);
    private static final int TENANTS = Integer.getInteger("bench.tenants", 200);
    private static final long SEED = Long.getLong("bench.seed", 42);
    private static final int OFFERINGS = 20;
    private static final Duration TARGET = Duration.ofSeconds(10);
    private static final String FINANCE = TestTokens.token("finance-1", "dsic", "finance");

    /** January 2025 in Paris: 744 hours; prices change on the 15th. */
    private static final Instant START = Instant.parse("2024-12-31T23:00:00Z");

    private static final Instant END = Instant.parse("2025-01-31T23:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    Chargebacks chargebacks;

    @Test
    void rate_and_issue_a_month_of_statements_beside_the_sql_floor() throws Exception {
        clock.set(Instant.parse("2025-02-03T08:00:00Z"));
        long loadStart = System.nanoTime();
        Generated data = generate();
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        jdbc.execute("vacuum analyze");

        ApiClient api = new ApiClient(port);
        // warm-up: each tenant's month-to-date spend rates February through the same code
        for (int tenant = 0; tenant < 20; tenant++) {
            assertThat(api.get("/api/v1/tenants/" + tenantId(tenant) + "/spend", FINANCE)
                            .status())
                    .isEqualTo(200);
        }
        floor(); // warms the same pages for the floor

        // the same rating in-process, nothing written: what closing adds on top is writing the lines
        long rateStart = System.nanoTime();
        Chargebacks.Result rated = chargebacks.chargeback("2025-01", null);
        Duration rating = Duration.ofNanos(System.nanoTime() - rateStart);
        assertThat(rated.reconciled()).as(rated.discrepancies().toString()).isTrue();

        long closeStart = System.nanoTime();
        ApiClient.Response closed = api.post("/api/v1/periods/2025-01/close", FINANCE, "");
        Duration service = Duration.ofNanos(System.nanoTime() - closeStart);
        assertThat(closed.status()).as(closed.raw().body()).isEqualTo(200);

        long floorStart = System.nanoTime();
        BigDecimal floorTotal = floor();
        Duration floor = Duration.ofNanos(System.nanoTime() - floorStart);

        long readStart = System.nanoTime();
        ApiClient.Response statement = api.get("/api/v1/statements/" + tenantId(7) + "/2025-01", FINANCE);
        Duration oneStatement = Duration.ofNanos(System.nanoTime() - readStart);
        assertThat(statement.status()).isEqualTo(200);

        int lines = closed.json().path("lines").asInt();
        int statements = closed.json().path("statements").asInt();
        BigDecimal platformTotal = closed.json().path("platformTotal").decimalValue();
        BigDecimal usageLines = jdbc.queryForObject(
                "select sum(amount) from statement_line where period = '2025-01' and unit <> 'SETUP_FEE'",
                BigDecimal.class);
        long usageLineCount = jdbc.queryForObject(
                "select count(*) from statement_line where period = '2025-01' and unit <> 'SETUP_FEE'", Long.class);
        BigDecimal recorded =
                jdbc.queryForObject("select sum(total) from statement where period = '2025-01'", BigDecimal.class);
        long resourceHours = jdbc.queryForObject(
                        """
                        select sum(extract(epoch from (least(coalesce(least(r.ended_at, o.decommissioned_at), ?), ?)
                                   - greatest(r.started_at, ?)))) / 3600
                        from metered_resource r join billed_order o using (order_id)
                        where r.started_at < ? and coalesce(least(r.ended_at, o.decommissioned_at), ?) > ?""",
                        BigDecimal.class,
                        Timestamp.from(END),
                        Timestamp.from(END),
                        Timestamp.from(START),
                        Timestamp.from(END),
                        Timestamp.from(END),
                        Timestamp.from(START))
                .longValue();

        String table = """
                billing benchmark (seed %d): %,d resources (%,d servers, %,d volumes, %,d floating IPs) of %,d orders, %d tenants, %d offerings
                usage in January 2025: %,d resource-hours; a price change on the 15th splits every interval running then
                data load (SQL, not measured): %.1f s
                | what | time | result |
                |---|---:|---|
                | service in-process: read, rate, split and reconcile the open month (nothing written) | %.2f s | %,d lines |
                | service: POST /periods/2025-01/close (rate, split, reconcile, write lines and statements) | %.2f s | %,d lines, %d statements, platform total %s EUR |
                | floor: one SQL aggregate over the same usage rows (exact, unrounded) | %.2f s | %s EUR (usage only) |
                | service / floor | %.1f x | target for the service: < %d s |
                | one closed statement read back (GET /statements/{tenant}/2025-01) | %.0f ms | |
                service usage lines %s EUR vs floor %s EUR: difference %s EUR over %,d lines rounded to the cent (at most %s)
                statements recorded at closing sum to %s EUR
                """.formatted(
                        SEED,
                        data.resources,
                        data.servers,
                        data.volumes,
                        data.floatingIps,
                        data.orders,
                        TENANTS,
                        OFFERINGS,
                        resourceHours,
                        loadSeconds,
                        rating.toMillis() / 1000.0,
                        rated.chargeback().lines().size(),
                        service.toMillis() / 1000.0,
                        lines,
                        statements,
                        platformTotal,
                        floor.toMillis() / 1000.0,
                        floorTotal.setScale(2, RoundingMode.HALF_EVEN),
                        (double) service.toMillis() / Math.max(1, floor.toMillis()),
                        TARGET.toSeconds(),
                        oneStatement.toMillis() * 1.0,
                        usageLines,
                        floorTotal.setScale(6, RoundingMode.HALF_EVEN),
                        usageLines.subtract(floorTotal).setScale(6, RoundingMode.HALF_EVEN),
                        usageLineCount,
                        new BigDecimal("0.005").multiply(BigDecimal.valueOf(usageLineCount)),
                        recorded);
        System.out.println(table);
        Files.createDirectories(Path.of("target", "benchmark"));
        Files.writeString(Path.of("target", "benchmark", "billing-benchmark.txt"), table);

        assertThat(statements).isEqualTo(TENANTS);
        assertThat(recorded).isEqualByComparingTo(platformTotal);
        assertThat(usageLines.subtract(floorTotal).abs())
                .as("service and floor differ by more than line rounding")
                .isLessThanOrEqualTo(new BigDecimal("0.005").multiply(BigDecimal.valueOf(usageLineCount)));
    }

    /**
     * The floor: one statement that cuts each usage row to the month and to each price version in
     * force, multiplies by the rates and sums per tenant, with nothing else (no lines, no rounding,
     * no reconciliation, nothing written).
     */
    private BigDecimal floor() {
        List<BigDecimal> perTenant = jdbc.queryForList(
                """
                        with versions as (
                            select p.offering_id,
                                   (v ->> 'effectiveFrom')::date::timestamp at time zone 'Europe/Paris' as valid_from,
                                   coalesce(lead((v ->> 'effectiveFrom')::date::timestamp at time zone 'Europe/Paris')
                                       over (partition by p.offering_id order by (v ->> 'effectiveFrom')::date),
                                       'infinity') as valid_to,
                                   (v -> 'rates' ->> 'VCPU_HOUR')::numeric as vcpu,
                                   (v -> 'rates' ->> 'RAM_GB_HOUR')::numeric as ram,
                                   (v -> 'rates' ->> 'VOLUME_GB_MONTH')::numeric as volume,
                                   (v -> 'rates' ->> 'FLOATING_IP_HOUR')::numeric as fip
                            from offering_prices p, jsonb_array_elements(p.price_lists) v),
                        usage as (
                            select o.tenant, o.offering_id, r.kind, r.vcpus, r.ram_gb, r.size_gb,
                                   greatest(r.started_at, ?) as from_at,
                                   least(coalesce(least(r.ended_at, o.decommissioned_at), ?), ?) as to_at
                            from metered_resource r join billed_order o on o.order_id = r.order_id
                            where r.kind in ('server', 'volume', 'floating-ip') and r.started_at < ?
                              and coalesce(least(r.ended_at, o.decommissioned_at), ?) > ?)
                        select sum(extract(epoch from (least(u.to_at, v.valid_to) - greatest(u.from_at, v.valid_from)))
                                   / 3600 * case u.kind when 'server' then u.vcpus * v.vcpu + u.ram_gb * v.ram
                                                        when 'volume' then u.size_gb * v.volume / 730
                                                        else v.fip end)
                        from usage u join versions v on v.offering_id = u.offering_id
                             and v.valid_from < u.to_at and v.valid_to > u.from_at
                        group by u.tenant""",
                BigDecimal.class,
                Timestamp.from(START),
                Timestamp.from(END),
                Timestamp.from(END),
                Timestamp.from(END),
                Timestamp.from(END),
                Timestamp.from(START));
        assertThat(perTenant).hasSize(TENANTS);
        return perTenant.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static String tenantId(int index) {
        return index % 10 == 0 ? "min-" + index : "dir-" + index;
    }

    private record Generated(int resources, int servers, int volumes, int floatingIps, int orders) {}

    /**
     * Tenants (one ministry per ten, nine directorates each), offerings with a price change on 15
     * January, and orders of a server and a volume, one in four with a floating IP: most run the
     * whole month, one in ten starts during it, one in ten is decommissioned during it.
     */
    private Generated generate() {
        Random random = new Random(SEED);
        List<Object[]> tenants = new ArrayList<>();
        for (int index = 0; index < TENANTS; index++) {
            boolean ministry = index % 10 == 0;
            tenants.add(new Object[] {
                tenantId(index),
                "Tenant " + index,
                ministry ? "MINISTRY" : "DIRECTORATE",
                ministry ? null : tenantId(index - index % 10),
                new BigDecimal(5_000 + random.nextInt(50_000))
            });
        }
        jdbc.batchUpdate("""
                insert into tenant_replica (tenant_id, revision, name, kind, parent_id, cost_centers, monthly_budget)
                values (?, 1, ?, ?, ?, '[{"code":"CC-1","name":"Un"},{"code":"CC-2","name":"Deux"}]', ?)""", tenants);
        List<UUID> offerings = new ArrayList<>();
        List<Object[]> prices = new ArrayList<>();
        for (int index = 0; index < OFFERINGS; index++) {
            UUID offering = new UUID(0x0ffe, index);
            offerings.add(offering);
            String vcpu = "0.0" + (100 + random.nextInt(50));
            prices.add(new Object[] {offering, "vm-" + index, """
                    [{"version":1,"effectiveFrom":"2024-01-01","currency":"EUR","rates":{"VCPU_HOUR":%s,"RAM_GB_HOUR":0.0042,
                      "VOLUME_GB_MONTH":0.045,"FLOATING_IP_HOUR":0.004,"SETUP_FEE":25}},
                     {"version":2,"effectiveFrom":"2025-01-15","currency":"EUR","rates":{"VCPU_HOUR":%s,"RAM_GB_HOUR":0.0045,
                      "VOLUME_GB_MONTH":0.05,"FLOATING_IP_HOUR":0.004,"SETUP_FEE":30}}]""".formatted(vcpu, vcpu + "5")});
        }
        jdbc.batchUpdate("""
                insert into offering_prices (offering_id, revision, code, price_lists, replicated_at)
                values (?, 1, ?, ?::jsonb, '2024-01-01T00:00:00Z')""", prices);

        List<Object[]> orders = new ArrayList<>();
        List<Object[]> resources = new ArrayList<>();
        int servers = 0;
        int volumes = 0;
        int floatingIps = 0;
        Timestamp touched = Timestamp.from(Instant.parse("2025-01-01T00:00:00Z"));
        while (resources.size() < RESOURCES) {
            UUID order = new UUID(SEED, orders.size());
            String tenant = tenantId(random.nextInt(TENANTS));
            int kind = random.nextInt(10);
            Instant start = kind == 0
                    ? START.plusSeconds(random.nextInt(30 * 86_400))
                    : Instant.parse("2024-12-01T00:00:00Z").plusSeconds(random.nextInt(20 * 86_400));
            Instant decommissioned = kind == 1 ? START.plusSeconds(random.nextInt(30 * 86_400)) : null;
            orders.add(new Object[] {
                order,
                tenant,
                offerings.get(random.nextInt(OFFERINGS)),
                random.nextBoolean() ? "CC-1" : "CC-2",
                new UUID(SEED + 1, orders.size()),
                Timestamp.from(start),
                decommissioned == null ? null : Timestamp.from(decommissioned),
                touched
            });
            int vcpus = 1 << random.nextInt(4);
            resources.add(new Object[] {
                order, "srv-" + order, "server-0", "server", vcpus, vcpus * 4, null, Timestamp.from(start), touched
            });
            servers++;
            if (resources.size() < RESOURCES) {
                resources.add(new Object[] {
                    order,
                    "vol-" + order,
                    "data-volume-0",
                    "volume",
                    null,
                    null,
                    10 * (1 + random.nextInt(50)),
                    Timestamp.from(start),
                    touched
                });
                volumes++;
            }
            if (resources.size() < RESOURCES && random.nextInt(4) == 0) {
                resources.add(new Object[] {
                    order,
                    "fip-" + order,
                    "floating-ip",
                    "floating-ip",
                    null,
                    null,
                    null,
                    Timestamp.from(start),
                    touched
                });
                floatingIps++;
            }
        }
        jdbc.batchUpdate("""
                insert into billed_order (order_id, tenant, offering_id, offering_code, cost_center, saga_id, completed_at,
                    decommissioned_at, touched_at)
                values (?, ?, ?, 'vm', ?, ?, ?, ?, ?)""", orders);
        jdbc.batchUpdate("""
                insert into metered_resource (order_id, resource_id, name, kind, vcpus, ram_gb, size_gb, started_at, touched_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", resources);
        return new Generated(resources.size(), servers, volumes, floatingIps, orders.size());
    }
}
