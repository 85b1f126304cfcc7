package fr.picloud.billing.chargeback.application;

import fr.picloud.billing.chargeback.domain.Rater;
import fr.picloud.billing.chargeback.domain.Spend;
import fr.picloud.contracts.billing.BudgetThresholdCrossed;
import fr.picloud.platform.messaging.EventPublisher;
import fr.picloud.pricing.PricingCalculator;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches each tenant's projected spend for the month (month-to-date plus forecast) against its
 * budget: reaching 80 % and 100 % each records an alert and publishes it, once per month. Checked
 * whenever the tenant's usage or budget changes, and periodically for price changes.
 */
@Service
public class BudgetWatch {

    private static final Logger log = LoggerFactory.getLogger(BudgetWatch.class);

    private final Chargebacks chargebacks;
    private final StatementStore store;
    private final EventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;

    public BudgetWatch(
            Chargebacks chargebacks,
            StatementStore store,
            EventPublisher events,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.chargebacks = chargebacks;
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * After the metering transaction committed: a failure here is logged and left to the periodic
     * check, never rolled back into the metering.
     */
    @TransactionalEventListener
    public void onUsageChanged(TenantUsageChanged change) {
        try {
            transaction.executeWithoutResult(status -> evaluate(change.tenant()));
        } catch (RuntimeException e) {
            log.warn("budget check of tenant {} failed; the periodic check will retry it", change.tenant(), e);
        }
    }

    /** @return the thresholds newly crossed */
    @Transactional
    public List<Integer> evaluate(String tenant) {
        if (tenant == null || chargebacks.tenants().find(tenant).isEmpty()) {
            return List.of();
        }
        Spend spend = chargebacks.spend(tenant);
        Instant now = clock.instant();
        List<Integer> crossed = spend.thresholdsReached().stream()
                .filter(threshold -> store.recordAlert(spend, threshold, now))
                .toList();
        for (int threshold : crossed) {
            events.publish(
                    new BudgetThresholdCrossed(
                            tenant,
                            spend.period(),
                            threshold,
                            spend.budget(),
                            PricingCalculator.toCents(spend.monthToDate()),
                            PricingCalculator.toCents(spend.projected()),
                            Rater.CURRENCY,
                            now),
                    tenant);
            log.info(
                    "tenant {} projected {} of budget {} for {}: {} % threshold crossed",
                    tenant, spend.projected(), spend.budget(), spend.period(), threshold);
        }
        return crossed;
    }

    /** Price changes and the passing of time move projections too: every tenant, now and then. */
    @Scheduled(
            fixedDelayString = "${picloud.billing.budget-check-interval:PT15M}",
            initialDelayString = "${picloud.billing.budget-check-interval:PT15M}")
    public void evaluateAll() {
        for (String tenant : store.knownTenants()) {
            try {
                transaction.executeWithoutResult(status -> evaluate(tenant));
            } catch (RuntimeException e) {
                log.warn("budget check of tenant {} failed", tenant, e);
            }
        }
    }
}
