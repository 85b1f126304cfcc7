package fr.picloud.order.tenant.application;

import fr.picloud.order.tenant.domain.ApprovalPolicy;
import fr.picloud.order.tenant.domain.QuotaAmounts;
import fr.picloud.order.tenant.domain.QuotaUsage;
import fr.picloud.order.tenant.domain.Tenant;
import fr.picloud.order.tenant.domain.TenantKind;
import fr.picloud.platform.domain.NotFoundException;
import fr.picloud.platform.domain.RuleViolationException;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What platform administrators do with tenants, and what a tenant's users may read of their own. */
@Service
public class TenantAdministration {

    private final TenantDirectory tenants;
    private final QuotaLedger quotas;
    private final TenantPublication publication;

    public TenantAdministration(TenantDirectory tenants, QuotaLedger quotas, TenantPublication publication) {
        this.tenants = tenants;
        this.quotas = quotas;
        this.publication = publication;
    }

    @Transactional(readOnly = true)
    public List<Tenant> all() {
        return tenants.all();
    }

    @Transactional(readOnly = true)
    public Tenant get(String tenantId) {
        return tenants.find(tenantId).orElseThrow(() -> new NotFoundException("no tenant " + tenantId));
    }

    @Transactional
    public Tenant create(Tenant tenant, QuotaAmounts limits, ApprovalPolicy policy) {
        if (tenants.find(tenant.id()).isPresent()) {
            throw new RuleViolationException("tenant " + tenant.id() + " already exists", "id");
        }
        if (tenant.parentId() != null) {
            Tenant parent = tenants.find(tenant.parentId())
                    .orElseThrow(() -> new RuleViolationException("no tenant " + tenant.parentId(), "parentId"));
            if (parent.kind() != TenantKind.MINISTRY) {
                throw new RuleViolationException(
                        "a directorate belongs to a ministry, not to " + parent.id(), "parentId");
            }
        }
        tenants.create(tenant, limits, policy);
        publication.publishIfUnpublished(tenant.id());
        return tenant;
    }

    @Transactional
    public Tenant addCostCenter(String tenantId, Tenant.CostCenter costCenter) {
        Tenant tenant = get(tenantId);
        if (tenant.hasCostCenter(costCenter.code())) {
            throw new RuleViolationException(
                    "tenant " + tenantId + " already has cost centre " + costCenter.code(), "code");
        }
        tenants.addCostCenter(tenantId, costCenter);
        publication.changed(tenantId);
        return get(tenantId);
    }

    @Transactional
    public QuotaUsage changeLimits(String tenantId, QuotaAmounts limits) {
        get(tenantId);
        quotas.changeLimits(tenantId, limits);
        publication.changed(tenantId);
        return usage(tenantId);
    }

    @Transactional(readOnly = true)
    public QuotaUsage usage(String tenantId) {
        return quotas.usage(tenantId).orElseThrow(() -> new NotFoundException("no tenant " + tenantId));
    }

    @Transactional(readOnly = true)
    public ApprovalPolicy policy(String tenantId) {
        return tenants.policyOf(tenantId).orElseThrow(() -> new NotFoundException("no tenant " + tenantId));
    }

    @Transactional
    public ApprovalPolicy changePolicy(String tenantId, ApprovalPolicy policy) {
        get(tenantId);
        tenants.savePolicy(tenantId, policy);
        return policy;
    }
}
