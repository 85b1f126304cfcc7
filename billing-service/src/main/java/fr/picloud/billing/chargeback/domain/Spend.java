package fr.picloud.billing.chargeback.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A tenant's showback for the current month: what it has used so far, what its running resources
 * will add by month end at the prices in force (known price changes included), and its budget.
 *
 * @param monthToDate charged from the first of the month to now (with adjustments landing this month)
 * @param forecast what the resources running now add from now to month end
 * @param budget the tenant's monthly budget, {@code null} when billing does not know the tenant yet
 */
public record Spend(String tenant, String period, BigDecimal monthToDate, BigDecimal forecast, BigDecimal budget) {

    /** The shares of the budget that raise an alert, in percent. */
    public static final List<Integer> THRESHOLDS = List.of(80, 100);

    public BigDecimal projected() {
        return monthToDate.add(forecast);
    }

    /** Share of the budget the projection reaches, in percent; {@code null} without a budget. */
    public BigDecimal projectedPercentOfBudget() {
        if (budget == null || budget.signum() == 0) {
            return null;
        }
        return projected().multiply(BigDecimal.valueOf(100)).divide(budget, 1, RoundingMode.HALF_EVEN);
    }

    /** The thresholds the projection has reached (a budget of zero or unknown raises none). */
    public List<Integer> thresholdsReached() {
        List<Integer> reached = new ArrayList<>();
        if (budget == null || budget.signum() == 0) {
            return reached;
        }
        for (int threshold : THRESHOLDS) {
            BigDecimal limit = budget.multiply(BigDecimal.valueOf(threshold)).divide(BigDecimal.valueOf(100));
            if (projected().compareTo(limit) >= 0) {
                reached.add(threshold);
            }
        }
        return reached;
    }
}
