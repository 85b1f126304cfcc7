package fr.picloud.billing.chargeback.domain;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A tenant's statement for a period: its lines (per order and resource), a subtotal per cost
 * centre, and the total. Lines of orders whose placement was not received carry no cost centre and
 * are subtotalled under {@link #UNASSIGNED}.
 */
public record Statement(
        String tenant,
        String period,
        boolean closed,
        List<StatementLine> lines,
        List<Subtotal> costCenters,
        BigDecimal total) {

    public static final String UNASSIGNED = "UNASSIGNED";

    static final Comparator<StatementLine> LINE_ORDER = Comparator.comparing((StatementLine line) -> costCenterOf(line))
            .thenComparing(line -> line.kind().ordinal())
            .thenComparing(line -> line.order().orderId())
            .thenComparing(line -> Objects.requireNonNullElse(line.resourceName(), ""))
            .thenComparing(line -> Objects.requireNonNullElse(line.resourceId(), ""))
            .thenComparing(StatementLine::unit)
            .thenComparing(StatementLine::usageFrom)
            .thenComparing(line -> Objects.requireNonNullElse(line.correctsPeriod(), ""));

    public record Subtotal(String costCenter, int lines, BigDecimal total) {}

    public static Statement of(String tenant, String period, boolean closed, List<StatementLine> lines) {
        List<StatementLine> sorted = lines.stream().sorted(LINE_ORDER).toList();
        Map<String, BigDecimal> byCostCenter = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (StatementLine line : sorted) {
            byCostCenter.merge(costCenterOf(line), line.amount(), BigDecimal::add);
            counts.merge(costCenterOf(line), 1, Integer::sum);
            total = total.add(line.amount());
        }
        List<Subtotal> subtotals = byCostCenter.entrySet().stream()
                .map(entry -> new Subtotal(entry.getKey(), counts.get(entry.getKey()), entry.getValue()))
                .toList();
        return new Statement(tenant, period, closed, sorted, subtotals, total);
    }

    public static String costCenterOf(StatementLine line) {
        return line.costCenter() == null ? UNASSIGNED : line.costCenter();
    }
}
