package fr.picloud.portal.finance;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.portal.services.BillingClient.DailySpend;
import fr.picloud.portal.services.BillingClient.Day;
import fr.picloud.portal.services.BillingClient.Spend;
import fr.picloud.portal.services.BillingClient.Statement;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DailySpendChartTest {

    private static final YearMonth DECEMBER = YearMonth.of(2026, 12);
    private static final int PLOT_WIDTH = DailySpendChart.WIDTH - DailySpendChart.LEFT - DailySpendChart.RIGHT;
    private static final int BASELINE = DailySpendChart.HEIGHT - DailySpendChart.BOTTOM;

    /** December's first {@code count} days at {@code each} EUR a day. */
    private static List<Day> days(int count, String each) {
        List<Day> days = new ArrayList<>();
        BigDecimal amount = new BigDecimal(each);
        for (int day = 1; day <= count; day++) {
            days.add(new Day(DECEMBER.atDay(day), amount, amount.multiply(BigDecimal.valueOf(day))));
        }
        return days;
    }

    private static Statement statement(String tenant) {
        return new Statement(
                tenant, tenant, "interieur", "2026-12", "OPEN", "EUR", BigDecimal.TEN, List.of(), List.of());
    }

    private static Spend spend(String tenant, String projected, String budget) {
        return new Spend(
                tenant,
                "2026-12",
                "EUR",
                BigDecimal.TEN,
                new BigDecimal(projected).subtract(BigDecimal.TEN),
                new BigDecimal(projected),
                budget == null ? null : new BigDecimal(budget),
                null);
    }

    @Test
    void each_day_s_point_is_at_the_end_of_that_day_and_as_high_as_the_spend_so_far() {
        DailySpendChart chart = DailySpendChart.of(DECEMBER, days(31, "10"), null, null);

        assertThat(chart.points()).hasSize(31);
        DailySpendChart.Point first = chart.points().getFirst();
        DailySpendChart.Point last = chart.points().getLast();
        assertThat(last.x()).as("the month's end").isEqualTo(DailySpendChart.LEFT + PLOT_WIDTH);
        assertThat(first.x()).isEqualTo(DailySpendChart.LEFT + PLOT_WIDTH / 31);
        assertThat(last.cumulative()).isEqualByComparingTo("310");
        // 310 on a scale of 4 steps of 100: the curve reaches 310/400 of the plot's height
        int plotHeight = BASELINE - DailySpendChart.TOP;
        assertThat(last.y()).isEqualTo(BASELINE - Math.round(plotHeight * 310 / 400f));
        assertThat(chart.line()).startsWith(DailySpendChart.LEFT + "," + BASELINE + " ");
        assertThat(chart.line().split(" ")).hasSize(32);
        assertThat(chart.amounts())
                .extracting(level -> level.amount().stripTrailingZeros().toPlainString())
                .containsExactly("0", "100", "200", "300", "400");
        assertThat(chart.amounts().getFirst().y()).isEqualTo(BASELINE);
        assertThat(chart.amounts().getLast().y()).isEqualTo(DailySpendChart.TOP);
        assertThat(chart.days()).extracting(DailySpendChart.Tick::day).containsExactly(1, 5, 10, 15, 20, 25, 31);
        assertThat(chart.projection()).as("a month over has no projection").isNull();
        assertThat(chart.budget()).isNull();
    }

    @Test
    void the_current_month_s_projection_runs_from_today_to_the_month_s_end() {
        DailySpendChart chart = DailySpendChart.of(DECEMBER, days(14, "10"), new BigDecimal("310"), null);

        DailySpendChart.Segment projection = chart.projection();
        assertThat(projection.x1()).isEqualTo(chart.last().x());
        assertThat(projection.y1()).isEqualTo(chart.last().y());
        assertThat(projection.x2()).isEqualTo(DailySpendChart.LEFT + PLOT_WIDTH);
        assertThat(projection.y2()).as("the projection is the highest amount").isLessThan(projection.y1());
        assertThat(chart.last().date()).isEqualTo(LocalDate.of(2026, 12, 14));
        assertThat(chart.projected()).isEqualByComparingTo("310");
    }

    @Test
    void the_scale_stops_at_the_round_step_just_above_the_highest_amount() {
        DailySpendChart chart = DailySpendChart.of(DECEMBER, days(5, "40"), new BigDecimal("2104.50"), null);

        assertThat(chart.amounts())
                .extracting(level -> level.amount().stripTrailingZeros().toPlainString())
                .containsExactly("0", "500", "1000", "1500", "2000", "2500");
    }

    @Test
    void the_budget_is_drawn_within_twice_the_spend_and_only_said_beyond() {
        DailySpendChart near =
                DailySpendChart.of(DECEMBER, days(14, "10"), new BigDecimal("310"), new BigDecimal("500"));
        DailySpendChart far =
                DailySpendChart.of(DECEMBER, days(14, "10"), new BigDecimal("310"), new BigDecimal("50000"));

        assertThat(near.budget()).isNotNull();
        assertThat(near.budget().y1())
                .isEqualTo(near.budget().y2())
                .isLessThan(near.projection().y2());
        assertThat(near.amounts().getLast().amount()).isGreaterThanOrEqualTo(new BigDecimal("500"));
        assertThat(far.budget()).as("50,000 would flatten a 310 curve").isNull();
        assertThat(far.budgetTotal()).as("the summary still says it").isEqualByComparingTo("50000");
        assertThat(far.amounts().getLast().amount()).isLessThan(new BigDecimal("1000"));
    }

    @Test
    void projection_and_budget_are_the_organisations_sums_and_only_when_billing_gives_every_one() {
        DailySpend daily =
                new DailySpend("2026-12", "OPEN", "EUR", null, "Europe/Paris", new BigDecimal("140"), days(14, "10"));
        List<Statement> statements = List.of(statement("police"), statement("secciv"));

        DailySpendChart every = DailySpendChart.of(
                daily,
                statements,
                Map.of("police", spend("police", "200", "300"), "secciv", spend("secciv", "110", "200")));
        DailySpendChart partly = DailySpendChart.of(daily, statements, Map.of("police", spend("police", "200", "300")));
        DailySpendChart noBudget = DailySpendChart.of(
                daily,
                statements,
                Map.of("police", spend("police", "200", "300"), "secciv", spend("secciv", "110", null)));

        assertThat(every.projected()).isEqualByComparingTo("310");
        assertThat(every.budgetTotal()).isEqualByComparingTo("500");
        assertThat(partly.projected()).as("one organisation's spend missing").isNull();
        assertThat(partly.projection()).isNull();
        assertThat(partly.budgetTotal()).isNull();
        assertThat(noBudget.projected()).isEqualByComparingTo("310");
        assertThat(noBudget.budgetTotal()).as("one budget unknown").isNull();
    }

    @Test
    void credits_below_zero_lower_the_scale_and_a_month_without_spend_still_has_one() {
        List<Day> credits = List.of(
                new Day(DECEMBER.atDay(1), new BigDecimal("-40.00"), new BigDecimal("-40.00")),
                new Day(DECEMBER.atDay(2), new BigDecimal("100.00"), new BigDecimal("60.00")));

        DailySpendChart chart = DailySpendChart.of(DECEMBER, credits, null, null);
        DailySpendChart nothing = DailySpendChart.of(DECEMBER, days(3, "0"), null, null);

        assertThat(chart.amounts().getFirst().amount()).isLessThanOrEqualTo(new BigDecimal("-40"));
        assertThat(chart.amounts().getLast().amount()).isGreaterThanOrEqualTo(new BigDecimal("60"));
        assertThat(chart.points()).allSatisfy(point -> assertThat(point.y()).isBetween(DailySpendChart.TOP, BASELINE));
        assertThat(nothing.points()).allSatisfy(point -> assertThat(point.y()).isEqualTo(BASELINE));
        assertThat(nothing.amounts())
                .extracting(level -> level.amount().stripTrailingZeros().toPlainString())
                .containsExactly("0", "1");
    }
}
