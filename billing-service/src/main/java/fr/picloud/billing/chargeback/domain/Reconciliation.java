package fr.picloud.billing.chargeback.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checks finance relies on: each statement's lines sum to its total and so do its cost-centre
 * subtotals; the tenants sum to the platform total; each ministry's rollup is its own charges plus
 * its directorates'; and for a closed period, what was recorded at closing still matches the lines.
 */
public final class Reconciliation {

    private Reconciliation() {}

    /** @return each discrepancy found, empty when everything reconciles */
    public static List<String> check(Chargeback chargeback) {
        List<String> problems = new ArrayList<>();
        BigDecimal tenants = BigDecimal.ZERO;
        for (Statement statement : chargeback.statements()) {
            BigDecimal lines =
                    sum(statement.lines().stream().map(StatementLine::amount).toList());
            BigDecimal subtotals = sum(statement.costCenters().stream()
                    .map(Statement.Subtotal::total)
                    .toList());
            int counted = statement.costCenters().stream()
                    .mapToInt(Statement.Subtotal::lines)
                    .sum();
            if (lines.compareTo(statement.total()) != 0) {
                problems.add("%s: lines sum to %s, statement total is %s"
                        .formatted(statement.tenant(), lines, statement.total()));
            }
            if (subtotals.compareTo(statement.total()) != 0
                    || counted != statement.lines().size()) {
                problems.add("%s: cost-centre subtotals sum to %s over %d lines, statement total is %s over %d"
                        .formatted(
                                statement.tenant(),
                                subtotals,
                                counted,
                                statement.total(),
                                statement.lines().size()));
            }
            tenants = tenants.add(statement.total());
        }
        if (tenants.compareTo(chargeback.platformTotal()) != 0) {
            problems.add("tenants sum to %s, platform total is %s".formatted(tenants, chargeback.platformTotal()));
        }
        BigDecimal ministries = BigDecimal.ZERO;
        for (Chargeback.MinistryRollup rollup : chargeback.ministries()) {
            BigDecimal expected =
                    sum(List.copyOf(rollup.directorates().values())).add(rollup.own());
            if (expected.compareTo(rollup.total()) != 0) {
                problems.add("%s: own %s plus directorates is %s, rollup total is %s"
                        .formatted(rollup.ministry(), rollup.own(), expected, rollup.total()));
            }
            ministries = ministries.add(rollup.total());
        }
        if (ministries.compareTo(chargeback.platformTotal()) != 0) {
            problems.add(
                    "ministries sum to %s, platform total is %s".formatted(ministries, chargeback.platformTotal()));
        }
        return problems;
    }

    /** A closed period read back: the totals recorded at closing must still be those of its lines. */
    public static List<String> checkRecorded(
            Chargeback chargeback, Map<String, BigDecimal> recordedTenantTotals, BigDecimal recordedPlatformTotal) {
        List<String> problems = new ArrayList<>(check(chargeback));
        if (recordedPlatformTotal != null && recordedPlatformTotal.compareTo(chargeback.platformTotal()) != 0) {
            problems.add("platform total recorded at closing is %s, lines sum to %s"
                    .formatted(recordedPlatformTotal, chargeback.platformTotal()));
        }
        for (Statement statement : chargeback.statements()) {
            BigDecimal recorded = recordedTenantTotals.get(statement.tenant());
            if (recorded == null || recorded.compareTo(statement.total()) != 0) {
                problems.add("%s: total recorded at closing is %s, lines sum to %s"
                        .formatted(statement.tenant(), recorded, statement.total()));
            }
        }
        if (recordedTenantTotals.size() != chargeback.statements().size()) {
            problems.add("%d statements recorded at closing, %d found"
                    .formatted(
                            recordedTenantTotals.size(), chargeback.statements().size()));
        }
        return problems;
    }

    private static BigDecimal sum(List<BigDecimal> amounts) {
        return amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
