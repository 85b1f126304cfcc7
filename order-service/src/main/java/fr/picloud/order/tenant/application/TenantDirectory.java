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
}
