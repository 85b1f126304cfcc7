package fr.picloud.order.tenant.application;

import fr.picloud.contracts.tenant.TenantState;
import fr.picloud.contracts.tenant.TenantUpdated;
import fr.picloud.order.tenant.domain.QuotaAmounts;
import fr.picloud.order.tenant.domain.Tenant;
import fr.picloud.platform.messaging.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes each tenant's full state on the compacted tenant topic (through the outbox, in the
 * transaction of the change), so billing and others keep a replica: at every change, and at startup
 * for every tenant whose current revision was never published (the seeded ones, say).
 */
@Service
public class TenantPublication {

    private static final Logger log = LoggerFactory.getLogger(TenantPublication.class);

    private final TenantDirectory tenants;
    private final QuotaLedger quotas;
    private final EventPublisher events;
    private final TransactionTemplate transaction;

    public TenantPublication(
            TenantDirectory tenants, QuotaLedger quotas, EventPublisher events, TransactionTemplate transaction) {
        this.tenants = tenants;
        this.quotas = quotas;
        this.events = events;
        this.transaction = transaction;
    }

    /** A tenant changed: a new revision, published with the change. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void changed(String tenantId) {
        tenants.bumpRevision(tenantId);
        publishIfUnpublished(tenantId);
    }

    /** Publishes the tenant's current revision unless it already was. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean publishIfUnpublished(String tenantId) {
        long revision = tenants.revisionOf(tenantId);
        if (!tenants.claimPublication(tenantId, revision)) {
            return false;
        }
        Tenant tenant = tenants.find(tenantId).orElseThrow();
        QuotaAmounts limits = quotas.usage(tenantId).orElseThrow().limits();
        events.publish(new TenantUpdated(stateOf(tenant, revision, limits)), tenantId);
        return true;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onStartup() {
        publishUnpublished();
    }

    /** @return how many tenants were published */
    public int publishUnpublished() {
        int published = 0;
        for (String tenantId : tenants.unpublished()) {
            if (Boolean.TRUE.equals(transaction.execute(status -> publishIfUnpublished(tenantId)))) {
                published++;
            }
        }
        if (published > 0) {
            log.info("published the state of {} tenants not yet published at their current revision", published);
        }
        return published;
    }

    static TenantState stateOf(Tenant tenant, long revision, QuotaAmounts limits) {
        return new TenantState(
                tenant.id(),
                revision,
                tenant.name(),
                tenant.kind().name(),
                tenant.parentId(),
                tenant.costCenters().stream()
                        .map(costCenter -> new TenantState.CostCenter(costCenter.code(), costCenter.name()))
                        .toList(),
                limits.monthlyBudget(),
                new TenantState.Quota(
                        limits.vcpus(), limits.ramGb(), limits.volumeGb(), limits.instances(), limits.floatingIps()));
    }
}
