package fr.picloud.billing.chargeback.domain;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.contracts.offering.PriceUnit;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DailySpendTest {

    private static final Period MARCH = RaterTest.MARCH;

    /** An instant of March 2026 in Paris time. */
    private static Instant paris(int day, int hour) {
        return LocalDateTime.of(2026, 3, day, hour, 0).atZone(RaterTest.PARIS).toInstant();
    }

    private static StatementLine line(String tenant, PriceUnit unit, String amount, Instant from, Instant to) {
        return line(tenant, unit, amount, from, to, StatementLine.Kind.USAGE);
    }

    private static StatementLine line(
            String tenant, PriceUnit unit, String amount, Instant from, Instant to, StatementLine.Kind kind) {
        return new StatementLine(
                UUID.randomUUID(),
                "2026-03",
                kind,
                new Chargeable.OrderRef(
                        UUID.randomUUID(), tenant, "CC-1", RaterTest.OFFERING, "vm-stack", UUID.randomUUID()),
                unit == PriceUnit.SETUP_FEE ? null : "srv-1",
                "server-0",
                unit == PriceUnit.SETUP_FEE ? "setup-fee" : "server",
                unit,
                BigDecimal.ONE,
                from,
                to,
                Duration.between(from, to).toSeconds(),
                1,
                BigDecimal.ONE,
                new BigDecimal(amount),
                new BigDecimal(amount),
                kind == StatementLine.Kind.ADJUSTMENT ? "2026-02" : null,
                null);
    }

    private static Statement statement(String tenant, StatementLine... lines) {
        return Statement.of(tenant, "2026-03", false, List.of(lines));
    }

    private static Map<LocalDate, BigDecimal> amounts(List<DailySpend.Day> days) {
        Map<LocalDate, BigDecimal> amounts = new java.util.TreeMap<>();
        days.forEach(day -> amounts.put(day.date(), day.amount()));
        return amounts;
    }

    @Test
    void a_line_is_spread_over_its_days_in_proportion_to_its_seconds_in_each() {
        // 6 hours on the 2nd, 12 on the 3rd (Paris days)
        DailySpend spend = DailySpend.of(
                MARCH,
                List.of(statement("police", line("police", PriceUnit.VCPU_HOUR, "0.90", paris(2, 18), paris(3, 12)))),
                MARCH.end());

        assertThat(spend.days()).hasSize(31);
        assertThat(amounts(spend.days()))
                .containsEntry(LocalDate.of(2026, 3, 2), new BigDecimal("0.30"))
                .containsEntry(LocalDate.of(2026, 3, 3), new BigDecimal("0.60"))
                .containsEntry(LocalDate.of(2026, 3, 4), new BigDecimal("0.00"));
        assertThat(spend.days().get(2).cumulative()).isEqualByComparingTo("0.90");
        assertThat(spend.total()).isEqualByComparingTo("0.90");
    }

    @Test
    void days_are_the_billing_zone_s_so_the_day_clocks_go_forward_has_23_hours() {
        // 28, 29 and 30 March 2026 in Paris: 24 h, 23 h, 24 h for 71 cents
        DailySpend spend = DailySpend.of(
                MARCH,
                List.of(statement("police", line("police", PriceUnit.VCPU_HOUR, "0.71", paris(28, 0), paris(31, 0)))),
                MARCH.end());

        assertThat(amounts(spend.days()))
                .containsEntry(LocalDate.of(2026, 3, 28), new BigDecimal("0.24"))
                .containsEntry(LocalDate.of(2026, 3, 29), new BigDecimal("0.23"))
                .containsEntry(LocalDate.of(2026, 3, 30), new BigDecimal("0.24"));
    }

    @Test
    void the_cents_rounding_leaves_over_go_to_the_days_that_lost_most_so_the_line_sums_to_its_amount() {
        // 10.00 over three equal days: 3.33 each and a cent left, to the first; 0.02 over three: two days get one
        DailySpend spend = DailySpend.of(
                MARCH,
                List.of(statement(
                        "police",
                        line("police", PriceUnit.VCPU_HOUR, "10.00", paris(10, 0), paris(13, 0)),
                        line("police", PriceUnit.RAM_GB_HOUR, "0.02", paris(20, 0), paris(23, 0)))),
                MARCH.end());

        Map<LocalDate, BigDecimal> amounts = amounts(spend.days());
        assertThat(List.of(
                        amounts.get(LocalDate.of(2026, 3, 10)),
                        amounts.get(LocalDate.of(2026, 3, 11)),
                        amounts.get(LocalDate.of(2026, 3, 12))))
                .containsExactly(new BigDecimal("3.34"), new BigDecimal("3.33"), new BigDecimal("3.33"));
        assertThat(List.of(
                        amounts.get(LocalDate.of(2026, 3, 20)),
                        amounts.get(LocalDate.of(2026, 3, 21)),
                        amounts.get(LocalDate.of(2026, 3, 22))))
                .containsExactly(new BigDecimal("0.01"), new BigDecimal("0.01"), new BigDecimal("0.00"));
        assertThat(spend.total()).isEqualByComparingTo("10.02");
    }

    @Test
    void a_setup_fee_is_on_the_paris_day_it_fell_due_and_an_adjustment_on_the_month_s_first() {
        // 9 March 23:30 UTC is already the 10th in Paris
        Instant due = Instant.parse("2026-03-09T23:30:00Z");
        DailySpend spend = DailySpend.of(
                MARCH,
                List.of(statement(
                        "police",
                        line("police", PriceUnit.SETUP_FEE, "25.00", due, due),
                        line(
                                "police",
                                PriceUnit.VCPU_HOUR,
                                "-4.20",
                                Instant.parse("2026-02-10T00:00:00Z"),
                                Instant.parse("2026-02-20T00:00:00Z"),
                                StatementLine.Kind.ADJUSTMENT))),
                MARCH.end());

        assertThat(amounts(spend.days()))
                .containsEntry(LocalDate.of(2026, 3, 10), new BigDecimal("25.00"))
                .containsEntry(LocalDate.of(2026, 3, 9), new BigDecimal("0.00"))
                .containsEntry(LocalDate.of(2026, 3, 1), new BigDecimal("-4.20"));
        assertThat(spend.total()).isEqualByComparingTo("20.80");
    }

    @Test
    void an_open_month_runs_to_today_a_month_over_to_its_last_day() {
        Statement police = statement("police", line("police", PriceUnit.VCPU_HOUR, "1.00", paris(1, 0), paris(14, 9)));

        assertThat(DailySpend.of(MARCH, List.of(police), paris(14, 9)).days())
                .extracting(DailySpend.Day::date)
                .hasSize(14)
                .startsWith(LocalDate.of(2026, 3, 1))
                .endsWith(LocalDate.of(2026, 3, 14));
        assertThat(DailySpend.of(MARCH, List.of(police), MARCH.end().plusSeconds(86_400 * 40))
                        .days())
                .extracting(DailySpend.Day::date)
                .hasSize(31)
                .endsWith(LocalDate.of(2026, 3, 31));
    }

    @Test
    void every_tenant_s_days_and_all_days_together_sum_to_the_statements_to_the_cent() {
        Random random = new Random(16);
        List<Statement> statements = new ArrayList<>();
        for (String tenant : List.of("police", "gendarmerie", "secciv")) {
            List<StatementLine> lines = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Instant from = MARCH.start().plusSeconds(random.nextLong(31L * 86_400));
                Instant to = from.plusSeconds(1 + random.nextLong(20L * 86_400));
                String amount =
                        BigDecimal.valueOf(random.nextLong(-500, 100_000), 2).toPlainString();
                lines.add(
                        i % 10 == 0
                                ? line(tenant, PriceUnit.SETUP_FEE, amount, from, from)
                                : line(
                                        tenant,
                                        PriceUnit.VCPU_HOUR,
                                        amount,
                                        from,
                                        to.isAfter(MARCH.end()) ? MARCH.end() : to));
            }
            statements.add(Statement.of(tenant, "2026-03", false, lines));
        }

        DailySpend spend = DailySpend.of(MARCH, statements, MARCH.end());

        BigDecimal total = statements.stream().map(Statement::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum(spend.days())).isEqualByComparingTo(total);
        assertThat(spend.total()).isEqualByComparingTo(total);
        assertThat(spend.tenants()).hasSize(3).allSatisfy(tenant -> {
            assertThat(sum(tenant.days())).isEqualByComparingTo(tenant.total());
            assertThat(tenant.days().getLast().cumulative()).isEqualByComparingTo(tenant.total());
        });
        for (int day = 0; day < spend.days().size(); day++) {
            int each = day;
            assertThat(spend.tenants().stream()
                            .map(tenant -> tenant.days().get(each).amount())
                            .reduce(BigDecimal.ZERO, BigDecimal::add))
                    .as("the tenants' %s", spend.days().get(day).date())
                    .isEqualByComparingTo(spend.days().get(day).amount());
        }
    }

    @Test
    void the_rater_s_month_of_a_server_sums_back_to_its_statement() {
        var order = RaterTest.order(RaterTest.OFFERING);
        var running = RaterTest.server(order, 3, 7, paris(4, 13).plusSeconds(17), null);
        Rater rater = new Rater(
                new PriceBook(Map.of(RaterTest.OFFERING, List.of(RaterTest.V1, RaterTest.V2)), RaterTest.PARIS));
        Instant now = paris(20, 15).plusSeconds(4_321);
        Chargeback chargeback = Chargeback.of(
                MARCH,
                false,
                rater.rate(MARCH, List.of(running, new Chargeable.SetupFee(order, paris(4, 13))), now)
                        .lines(),
                new TenantTree(Map.of()),
                List.of());

        DailySpend spend = DailySpend.of(MARCH, chargeback.statements(), now);

        assertThat(spend.days()).hasSize(20);
        assertThat(spend.total()).isEqualByComparingTo(chargeback.platformTotal());
        assertThat(spend.days().get(3).amount())
                .as("the setup fee and the server's first hours on the 4th")
                .isGreaterThan(new BigDecimal("25"));
        assertThat(spend.days().subList(0, 3))
                .allSatisfy(day -> assertThat(day.amount()).isZero());
    }

    private static BigDecimal sum(List<DailySpend.Day> days) {
        return days.stream().map(DailySpend.Day::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
