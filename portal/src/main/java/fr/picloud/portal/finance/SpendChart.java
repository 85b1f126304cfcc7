package fr.picloud.portal.finance;

import fr.picloud.portal.services.BillingClient.Spend;
import fr.picloud.portal.services.BillingClient.Statement;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A month's spend by organisation as a bar chart drawn on the server (SVG, no script, no inline style):
 * one row per statement, largest first, its total as a bar; for the current month the projection to
 * the month's end as a lighter bar behind it and the budget as a mark when it falls within the scale,
 * so a reader sees who will go over (the alerts say it in words for every one).
 *
 * @param width the drawing's width in user units
 * @param height its height
 * @param rows one per statement
 */
public record SpendChart(int width, int height, List<Row> rows) {

    static final int WIDTH = 960;
    static final int LABELS = 300;
    static final int LABEL_CHARACTERS = 42;
    static final int AMOUNTS = 120;
    static final int ROW = 30;
    static final int TOP = 8;

    /**
     * One organisation's row.
     *
     * @param spent the bar's width for the statement's total
     * @param projected the bar's width for the projection, 0 without one
     * @param budgetX where the budget mark is drawn, -1 without a budget
     * @param alert 80 or 100 when the projection reaches that share of the budget, else 0
     */
    public record Row(
            String tenant,
            String name,
            int y,
            int spent,
            int projected,
            int budgetX,
            BigDecimal total,
            BigDecimal projection,
            BigDecimal budget,
            int alert) {}

    public static SpendChart of(List<Statement> statements, Map<String, Spend> spends) {
        List<Statement> sorted = statements.stream()
                .sorted(Comparator.comparing(Statement::total).reversed().thenComparing(Statement::tenant))
                .toList();
        BigDecimal largest = BigDecimal.ONE;
        for (Statement statement : sorted) {
            largest = largest.max(statement.total());
            Spend spend = spends.get(statement.tenant());
            if (spend != null) {
                largest = largest.max(nonNull(spend.projected()));
            }
        }
        int span = WIDTH - LABELS - AMOUNTS;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Statement statement = sorted.get(i);
            Spend spend = spends.get(statement.tenant());
            BigDecimal projection = spend == null ? null : spend.projected();
            BigDecimal budget = spend == null ? null : spend.budget();
            rows.add(new Row(
                    statement.tenant(),
                    label(statement.name() == null ? statement.tenant() : statement.name()),
                    TOP + i * ROW,
                    scale(statement.total(), largest, span),
                    projection == null ? 0 : scale(projection, largest, span),
                    // a budget far beyond every bar would squash them: its mark is drawn only within the scale
                    budget == null || budget.signum() <= 0 || budget.compareTo(largest) > 0
                            ? -1
                            : LABELS + scale(budget, largest, span),
                    statement.total(),
                    projection,
                    budget,
                    alert(spend)));
        }
        return new SpendChart(WIDTH, TOP + rows.size() * ROW + 8, List.copyOf(rows));
    }

    /** 100 or 80 when the projection reaches that share of the budget (billing's alert thresholds), else 0. */
    static int alert(Spend spend) {
        if (spend == null || spend.projectedPercentOfBudget() == null) {
            return 0;
        }
        BigDecimal percent = spend.projectedPercentOfBudget();
        if (percent.compareTo(BigDecimal.valueOf(100)) >= 0) {
            return 100;
        }
        return percent.compareTo(BigDecimal.valueOf(80)) >= 0 ? 80 : 0;
    }

    /** The row's label, cut to what its column holds. */
    static String label(String name) {
        return name.length() <= LABEL_CHARACTERS ? name : name.substring(0, LABEL_CHARACTERS - 1) + "…";
    }

    private static int scale(BigDecimal amount, BigDecimal largest, int span) {
        return nonNull(amount)
                .multiply(BigDecimal.valueOf(span))
                .divide(largest, 0, RoundingMode.HALF_UP)
                .intValue();
    }

    private static BigDecimal nonNull(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }
}
