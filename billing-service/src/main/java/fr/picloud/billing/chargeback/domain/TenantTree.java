package fr.picloud.billing.chargeback.domain;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * The tenants as billing knows them from order-service: ministries and their directorates, with
 * budgets. A tenant not (yet) known stands alone, as its own ministry.
 */
public final class TenantTree {

    /** @param parentId the ministry of a directorate, {@code null} for a ministry */
    public record Node(String id, String name, String kind, String parentId, BigDecimal monthlyBudget) {}

    private final Map<String, Node> nodes;

    public TenantTree(Map<String, Node> nodes) {
        this.nodes = Map.copyOf(nodes);
    }

    public Optional<Node> find(String tenantId) {
        return Optional.ofNullable(nodes.get(tenantId));
    }

    /** The ministry a tenant's charges roll up to: its parent, or itself. */
    public String ministryOf(String tenantId) {
        Node node = nodes.get(tenantId);
        return node == null || node.parentId() == null ? tenantId : node.parentId();
    }

    /**
     * Whether a user of {@code viewer} may see {@code tenant}: their own tenant, and for a
     * ministry's users its directorates too (the ministry is charged back their rollup).
     */
    public boolean canSee(String viewer, String tenant) {
        return viewer != null && (viewer.equals(tenant) || viewer.equals(ministryOf(tenant)));
    }
}
