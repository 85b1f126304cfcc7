package fr.picloud.order.tenant.application;

import fr.picloud.order.tenant.domain.ApprovalPolicy;
import fr.picloud.order.tenant.domain.QuotaAmounts;
import fr.picloud.order.tenant.domain.Tenant;
import java.util.List;
import java.util.Optional;

/** Where tenants, their cost centres, quota limits and approval policies are kept. */
public interface TenantDirectory {

    List<Tenant> all();

    Optional<Tenant> find(String tenantId);

    /** Stores a new tenant with its limits and policy. */
    void create(Tenant tenant, QuotaAmounts limits, ApprovalPolicy policy);

    void addCostCenter(String tenantId, Tenant.CostCenter costCenter);

    Optional<ApprovalPolicy> policyOf(String tenantId);

    void savePolicy(String tenantId, ApprovalPolicy policy);

    /** Records a change of the tenant: its revision grows by one. */
    void bumpRevision(String tenantId);

    long revisionOf(String tenantId);

    /**
     * Marks {@code revision} as published unless it (or a later one) already was; the row stays
     * locked to the caller's transaction, so two instances never both publish one revision.
     *
     * @return true if the caller is to publish it
     */
    boolean claimPublication(String tenantId, long revision);

    /** Tenants whose current revision was never published. */
    List<String> unpublished();
}
