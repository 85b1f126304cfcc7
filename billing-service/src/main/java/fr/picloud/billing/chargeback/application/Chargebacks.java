package fr.picloud.billing.chargeback.application;

import fr.picloud.billing.chargeback.domain.Adjustments;
import fr.picloud.billing.chargeback.domain.Chargeback;
import fr.picloud.billing.chargeback.domain.Period;
import fr.picloud.billing.chargeback.domain.Rater;
import fr.picloud.billing.chargeback.domain.Reconciliation;
import fr.picloud.billing.chargeback.domain.Spend;
import fr.picloud.billing.chargeback.domain.StatementLine;
import fr.picloud.billing.chargeback.domain.TenantTree;
import fr.picloud.billing.chargeback.domain.Unpriced;
import fr.picloud.platform.domain.IllegalTransitionException;
import fr.picloud.platform.domain.RuleViolationException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Statements, chargeback and showback. Reads never write. An open period is rated from the metered
 * usage whenever it is read (usage still running counts up to now, or to the period's end once it is over), plus the
 * adjustments of the closed periods just before it. A closed period is read back from what was
 * recorded when it closed, and checked against it.
 */
@Service
public class Chargebacks {

    private static final Logger log = LoggerFactory.getLogger(Chargebacks.class);

    /** How far back an unclosed period is still rated for the usage held aside, in months. */
    private static final int OPEN_PERIODS_RATED = 12;

    private final UsageSource usage;
    private final StatementStore store;
    private final Clock clock;
    private final ZoneId zone;

    public Chargebacks(
            UsageSource usage,
            StatementStore store,
            Clock clock,
            @Value("${picloud.billing.zone:Europe/Paris}") ZoneId zone) {
        this.usage = usage;
        this.store = store;
        this.clock = clock;
        this.zone = zone;
    }

    /** A chargeback with what it was rated as of, and whether it reconciles. */
    public record Result(Chargeback chargeback, Instant asOf, List<String> discrepancies, TenantTree tenants) {

        public boolean reconciled() {
            return discrepancies.isEmpty();
        }
    }

    public Period period(String text) {
        return Period.parse(text, zone);
    }

    public ZoneId zone() {
        return zone;
    }

    public TenantTree tenants() {
        return usage.tenants();
    }

    /**
     * The chargeback of a period that has started.
     *
     * @param tenant one tenant's, or {@code null} for the whole platform
     */
    @Transactional(readOnly = true)
    public Result chargeback(String periodText, String tenant) {
        Period period = period(periodText);
        Instant now = clock.instant();
        if (!period.hasStartedBy(now)) {
            throw new RuleViolationException(
                    "period " + period + " has not started: statements exist from its first day", "period");
        }
        TenantTree tenants = usage.tenants();
        Optional<StatementStore.ClosedPeriod> closed = store.closed(period);
        if (closed.isPresent()) {
            Chargeback chargeback = Chargeback.of(period, true, store.lines(period, tenant), tenants, List.of());
            List<String> problems = tenant == null
                    ? Reconciliation.checkRecorded(
                            chargeback,
                            store.recordedTotals(period),
                            closed.get().platformTotal())
                    : Reconciliation.check(chargeback);
            return new Result(chargeback, closed.get().closedAt(), problems, tenants);
        }
        Instant asOf = period.isOverBy(now) ? period.end() : now;
        Chargeback chargeback = rateOpen(period, tenant, asOf, tenants, false);
        return new Result(chargeback, asOf, Reconciliation.check(chargeback), tenants);
    }

    /**
     * Rates the whole platform's open periods (the current one and those before it back to the last
     * closed one) and records what is held aside. Reads never write: this is the rating path that
     * does, run on a schedule and on finance's request.
     */
    @Transactional
    @Scheduled(
            fixedDelayString = "${picloud.billing.held-aside-interval:PT5M}",
            initialDelayString = "${picloud.billing.held-aside-interval:PT5M}")
    public void recordHeldAside() {
        Instant now = clock.instant();
        TenantTree tenants = usage.tenants();
        Period period = Period.containing(now, zone);
        for (int months = 0; months < OPEN_PERIODS_RATED && store.closed(period).isEmpty(); months++) {
            rateOpen(period, null, period.isOverBy(now) ? period.end() : now, tenants, true);
            period = period.previous();
        }
    }

    /**
     * Closes a period that is over: its statements are recorded as they are rated now and never
     * change again; what arrives later for it becomes adjustments in the next open period.
     */
    @Transactional
    public Result close(String periodText, String closedBy) {
        Period period = period(periodText);
        Instant now = clock.instant();
        if (!period.isOverBy(now)) {
            throw new RuleViolationException(
                    "period " + period + " is not over: it can be closed from " + period.end(), "period");
        }
        store.lockClosing();
        if (store.closed(period).isPresent()) {
            throw new IllegalTransitionException("period " + period + " is already closed");
        }
        long rating = System.nanoTime();
        TenantTree tenants = usage.tenants();
        Chargeback open = rateOpen(period, null, period.end(), tenants, true);
        List<String> problems = Reconciliation.check(open);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("statements of " + period + " do not reconcile: " + problems);
        }
        Chargeback closed = new Chargeback(
                open.period(), true, open.statements(), open.ministries(), open.platformTotal(), open.heldAside());
        long writing = System.nanoTime();
        if (!store.close(closed, closedBy, now)) {
            throw new IllegalTransitionException("period " + period + " is already closed");
        }
        log.info(
                "closed {}: {} statements, {} lines, {} EUR; rated in {} ms, written in {} ms",
                period,
                closed.statements().size(),
                closed.lines().size(),
                closed.platformTotal(),
                (writing - rating) / 1_000_000,
                (System.nanoTime() - writing) / 1_000_000);
        return new Result(closed, now, problems, tenants);
    }

    /** Month-to-date spend, the forecast to month end and the budget of one tenant. */
    @Transactional(readOnly = true)
    public Spend spend(String tenant) {
        Instant now = clock.instant();
        Period period = Period.containing(now, zone);
        TenantTree tenants = usage.tenants();
        BigDecimal monthToDate = total(rateOpen(period, tenant, now, tenants, false));
        BigDecimal projected = total(rateOpen(period, tenant, period.end(), tenants, false));
        BigDecimal budget =
                tenants.find(tenant).map(TenantTree.Node::monthlyBudget).orElse(null);
        return new Spend(tenant, period.toString(), monthToDate, projected.subtract(monthToDate), budget);
    }

    private static BigDecimal total(Chargeback chargeback) {
        return chargeback.platformTotal();
    }

    private Chargeback rateOpen(Period period, String tenant, Instant asOf, TenantTree tenants, boolean record) {
        Rater rater = new Rater(usage.priceBook());
        Rater.Rating rating = rater.rate(period, usage.chargeables(period, tenant), asOf);
        List<StatementLine> lines = new ArrayList<>(rating.lines());
        List<Unpriced> unpriced = new ArrayList<>(rating.unpriced());
        // the closed months right before this one correct themselves here
        for (Period corrected = period.previous(); ; corrected = corrected.previous()) {
            Optional<StatementStore.ClosedPeriod> closed = store.closed(corrected);
            if (closed.isEmpty()) {
                break;
            }
            if (!usage.changedSince(closed.get().closedAt())) {
                continue;
            }
            Rater.Rating again = rater.rate(corrected, usage.chargeables(corrected, tenant), corrected.end());
            lines.addAll(Adjustments.of(period, corrected, again.lines(), store.chargedFor(corrected, tenant)));
            unpriced.addAll(again.unpriced());
        }
        if (record) {
            store.recordUnpriced(period, tenant, rating.unpriced(), clock.instant());
        }
        return Chargeback.of(period, false, lines, tenants, unpriced);
    }
}
