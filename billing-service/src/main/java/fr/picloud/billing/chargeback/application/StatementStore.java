package fr.picloud.billing.chargeback.application;

import fr.picloud.billing.chargeback.domain.Chargeback;
import fr.picloud.billing.chargeback.domain.Period;
import fr.picloud.billing.chargeback.domain.Spend;
import fr.picloud.billing.chargeback.domain.StatementLine;
import fr.picloud.billing.chargeback.domain.Unpriced;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Closed periods and their immutable statements; what is held aside; budget alerts. */
public interface StatementStore {

    record ClosedPeriod(String period, Instant closedAt, String closedBy, BigDecimal platformTotal, int lineCount) {}

    /** Serialises closings: held until the caller's transaction ends. */
    void lockClosing();

    Optional<ClosedPeriod> closed(Period period);

    /** Records the period closed with every statement and line of the chargeback; false if it already was. */
    boolean close(Chargeback chargeback, String closedBy, Instant closedAt);

    /** The lines of a closed period, of one tenant or ({@code null}) all. */
    List<StatementLine> lines(Period period, String tenant);

    /** What a closed period charged: its own usage lines and the adjustments made to it since. */
    List<StatementLine> chargedFor(Period period, String tenant);

    /** Statement totals recorded at closing, by tenant. */
    Map<String, BigDecimal> recordedTotals(Period period);

    /**
     * Records what rating could not price in a period, and marks resolved what it now could.
     *
     * @param tenant the only tenant rated, or {@code null} for all
     */
    void recordUnpriced(Period period, String tenant, List<Unpriced> unpriced, Instant now);

    record HeldAside(
            String orderId,
            String resourceId,
            String period,
            String tenant,
            String reason,
            Instant firstSeen,
            Instant lastSeen) {}

    List<HeldAside> heldAside();

    long heldAsideCount();

    /** Tenants billing knows (from the tenant topic). */
    List<String> knownTenants();

    /** Records an alert unless one was already recorded for this tenant, month and threshold. */
    boolean recordAlert(Spend spend, int threshold, Instant at);
}
