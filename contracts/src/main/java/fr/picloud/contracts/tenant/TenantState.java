package fr.picloud.contracts.tenant;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The full current state of a tenant, as every tenant event carries it: the compacted tenant topic
 * alone rebuilds any replica (billing's hierarchy, cost centres and budgets).
 *
 * @param revision grows with every change; a replica ignores a revision older than the one it holds
 * @param kind MINISTRY or DIRECTORATE
 * @param parentId the ministry of a directorate, {@code null} for a ministry
 * @param monthlyBudget EUR per month
 * @param quota what the tenant may use at once
 */
public record TenantState(
        String tenantId,
        long revision,
        String name,
        String kind,
        String parentId,
        List<CostCenter> costCenters,
        BigDecimal monthlyBudget,
        Quota quota) {

    public TenantState {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(monthlyBudget, "monthlyBudget");
        costCenters = List.copyOf(Objects.requireNonNullElse(costCenters, List.of()));
    }

    /** A budget line of the tenant that orders are charged to. */
    public record CostCenter(String code, String name) {}

    /** Quota limits of the tenant. */
    public record Quota(int vcpus, int ramGb, int volumeGb, int instances, int floatingIps) {}
}
