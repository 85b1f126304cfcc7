package fr.picloud.billing.chargeback.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every tenant's statement for one period, rolled up from directorates to their ministry, and the
 * platform total, summed straight from the lines so that {@link Reconciliation} can check the
 * statements and the rollup against it.
 */
public record Chargeback(
        String period,
        boolean closed,
        List<Statement> statements,
        List<MinistryRollup> ministries,
        BigDecimal platformTotal,
        List<Unpriced> heldAside) {

    /** A ministry's own charges, each of its directorates' totals, and their sum. */
    public record MinistryRollup(
            String ministry, BigDecimal own, Map<String, BigDecimal> directorates, BigDecimal total) {}

    public static Chargeback of(
            Period period, boolean closed, List<StatementLine> lines, TenantTree tenants, List<Unpriced> heldAside) {
        Map<String, List<StatementLine>> byTenant = new TreeMap<>();
        BigDecimal platformTotal = BigDecimal.ZERO;
        for (StatementLine line : lines) {
            byTenant.computeIfAbsent(line.tenant(), tenant -> new ArrayList<>()).add(line);
            platformTotal = platformTotal.add(line.amount());
        }
        List<Statement> statements = byTenant.entrySet().stream()
                .map(entry -> Statement.of(entry.getKey(), period.toString(), closed, entry.getValue()))
                .toList();
        Map<String, BigDecimal> own = new TreeMap<>();
        Map<String, Map<String, BigDecimal>> directorates = new TreeMap<>();
        for (Statement statement : statements) {
            String ministry = tenants.ministryOf(statement.tenant());
            if (ministry.equals(statement.tenant())) {
                own.merge(ministry, statement.total(), BigDecimal::add);
            } else {
                own.putIfAbsent(ministry, BigDecimal.ZERO);
                directorates
                        .computeIfAbsent(ministry, key -> new LinkedHashMap<>())
                        .put(statement.tenant(), statement.total());
            }
        }
        List<MinistryRollup> rollups = own.entrySet().stream()
                .map(entry -> {
                    Map<String, BigDecimal> children = directorates.getOrDefault(entry.getKey(), Map.of());
                    BigDecimal total = children.values().stream().reduce(entry.getValue(), BigDecimal::add);
                    return new MinistryRollup(entry.getKey(), entry.getValue(), children, total);
                })
                .toList();
        return new Chargeback(period.toString(), closed, statements, rollups, platformTotal, List.copyOf(heldAside));
    }

    public List<StatementLine> lines() {
        return statements.stream()
                .flatMap(statement -> statement.lines().stream())
                .toList();
    }
}
