package fr.picloud.contracts.billing;

import fr.picloud.contracts.Event;
import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A tenant's projected spend for the month (month-to-date plus the forecast to month end) reached a
 * share of its monthly budget. Published once per tenant, month and threshold.
 *
 * @param period the calendar month, {@code YYYY-MM} (Europe/Paris)
 * @param thresholdPercent 80 or 100
 * @param projected month-to-date plus forecast, EUR, in cents
 */
@MessageType(type = "picloud.billing.budget-threshold-crossed", version = 1, topic = Topics.BILLING)
public record BudgetThresholdCrossed(
        String tenant,
        String period,
        int thresholdPercent,
        BigDecimal budget,
        BigDecimal monthToDate,
        BigDecimal projected,
        String currency,
        Instant crossedAt)
        implements Event {

    public BudgetThresholdCrossed {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(monthToDate, "monthToDate");
        Objects.requireNonNull(projected, "projected");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(crossedAt, "crossedAt");
    }

    @Override
    public String aggregateId() {
        return tenant;
    }
}
