package fr.picloud.portal.finance;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.portal.services.BillingClient.Spend;
import fr.picloud.portal.services.BillingClient.Statement;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpendChartTest {

    private static Statement statement(String tenant, String total) {
        return new Statement(
                tenant,
                tenant.toUpperCase(),
                "mi",
                "2026-12",
                "OPEN",
                "EUR",
                new BigDecimal(total),
                List.of(),
                List.of());
    }

    private static Spend spend(String tenant, String spent, String projected, String budget, String percent) {
        return new Spend(
                tenant,
                "2026-12",
                "EUR",
                new BigDecimal(spent),
                new BigDecimal(projected).subtract(new BigDecimal(spent)),
                new BigDecimal(projected),
                budget == null ? null : new BigDecimal(budget),
                percent == null ? null : new BigDecimal(percent));
    }

    @Test
    void the_largest_first_each_bar_in_proportion_and_the_budget_marked() {
        SpendChart chart = SpendChart.of(
                List.of(statement("secciv", "100"), statement("police", "400")),
                Map.of(
                        "police",
                        spend("police", "400", "900", "850", "105"),
                        "secciv",
                        spend("secciv", "100", "150", "5000", "3")));

        assertThat(chart.rows()).extracting(SpendChart.Row::tenant).containsExactly("police", "secciv");
        SpendChart.Row police = chart.rows().get(0);
        SpendChart.Row secciv = chart.rows().get(1);
        assertThat(secciv.spent() * 4).isEqualTo(police.spent());
        assertThat(police.projected()).isGreaterThan(police.spent());
        assertThat(police.projected())
                .as("the largest amount, the projection, spans the bars' column")
                .isEqualTo(SpendChart.WIDTH - SpendChart.LABELS - SpendChart.AMOUNTS);
        assertThat(police.budgetX())
                .isBetween(SpendChart.LABELS + police.spent(), SpendChart.LABELS + police.projected());
        assertThat(police.alert()).isEqualTo(100);
        assertThat(secciv.budgetX())
                .as("a budget beyond every bar is not drawn: it would squash them")
                .isEqualTo(-1);
        assertThat(secciv.alert()).isZero();
    }

    @Test
    void a_long_name_is_cut_to_its_column() {
        assertThat(SpendChart.label("Direction générale de la Police nationale et des polices"))
                .hasSize(42)
                .endsWith("…");
        assertThat(SpendChart.label("Police")).isEqualTo("Police");
    }

    @Test
    void a_projection_over_the_budget_is_the_100_percent_alert() {
        assertThat(SpendChart.alert(spend("police", "10", "120", "100", "120"))).isEqualTo(100);
        assertThat(SpendChart.alert(spend("police", "10", "50", "100", "50"))).isZero();
        assertThat(SpendChart.alert(spend("police", "10", "50", null, null))).isZero();
    }
}
