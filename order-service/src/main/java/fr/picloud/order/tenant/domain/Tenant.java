package fr.picloud.order.tenant.domain;

import fr.picloud.platform.domain.RuleViolationException;
import java.util.List;
import java.util.Objects;

/**
 * An organisation that orders: a ministry, or a directorate of one. Its id is the {@code tenant}
 * claim of its users' tokens.
 *
 * @param parentId the ministry of a directorate, {@code null} for a ministry
 */
public record Tenant(String id, String name, TenantKind kind, String parentId, List<CostCenter> costCenters) {

    public Tenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        costCenters = List.copyOf(Objects.requireNonNullElse(costCenters, List.of()));
        if (kind == TenantKind.DIRECTORATE && parentId == null) {
            throw new RuleViolationException("a directorate belongs to a ministry: parentId is required", "parentId");
        }
        if (kind == TenantKind.MINISTRY && parentId != null) {
            throw new RuleViolationException("a ministry has no parent", "parentId");
        }
    }

    public boolean hasCostCenter(String code) {
        return costCenters.stream().anyMatch(costCenter -> costCenter.code().equals(code));
    }

    /** A budget line of a tenant that orders are charged to. */
    public record CostCenter(String code, String name) {

        public CostCenter {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(name, "name");
        }
    }
}
