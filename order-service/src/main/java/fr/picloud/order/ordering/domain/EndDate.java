package fr.picloud.order.ordering.domain;

import fr.picloud.platform.domain.RuleViolationException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * When a completed order ends: the platform decommissions it by itself at {@code at}, after
 * reminders. Its owner may extend it once; bringing it forward is always allowed.
 *
 * @param extended whether the one extension was used
 * @param remindedDays the smallest reminder threshold (in days before {@code at}) already sent, null
 *     when no reminder was sent for this date
 */
public record EndDate(Instant at, boolean extended, Integer remindedDays) {

    public EndDate {
        Objects.requireNonNull(at, "at");
        at = at.truncatedTo(ChronoUnit.SECONDS);
    }

    /** A new end date, never reminded. */
    public static EndDate at(Instant at) {
        return new EndDate(at, false, null);
    }

    /**
     * What an end date must respect when it is set.
     *
     * @param minimumNotice how far ahead an end date must be at least (a day; the local stack's demo
     *     allows seconds)
     * @param maxLifetimeDays the offering's ceiling, in days from now; null when it has none
     * @param offeringCode named in the refusal
     */
    public record Policy(Duration minimumNotice, Integer maxLifetimeDays, String offeringCode) {

        public Policy {
            Objects.requireNonNull(minimumNotice, "minimumNotice");
        }

        /** Whether an order of the offering must carry an end date. */
        public boolean required() {
            return maxLifetimeDays != null;
        }

        /** The latest end date allowed for a date set at {@code now}, or null when there is no ceiling. */
        public Instant latest(Instant now) {
            return maxLifetimeDays == null ? null : now.plus(Duration.ofDays(maxLifetimeDays));
        }
    }

    /**
     * Refuses an end date the policy does not allow at {@code now}: too close (before the minimum
     * notice) or beyond the offering's ceiling.
     */
    public static void check(Instant endsAt, Policy policy, Instant now) {
        Instant earliest = now.plus(policy.minimumNotice());
        if (endsAt.isBefore(earliest)) {
            throw new RuleViolationException(
                    "an end date must be at least " + readable(policy.minimumNotice()) + " ahead: " + endsAt
                            + " is before " + earliest,
                    "endsAt");
        }
        Instant latest = policy.latest(now);
        if (latest != null && endsAt.isAfter(latest)) {
            throw new RuleViolationException(
                    "offering " + policy.offeringCode() + " lets an order live " + policy.maxLifetimeDays()
                            + " days at most: end it on or before " + latest,
                    "endsAt");
        }
    }

    private static String readable(Duration duration) {
        if (duration.toDays() > 0 && duration.equals(Duration.ofDays(duration.toDays()))) {
            return duration.toDays() + (duration.toDays() == 1 ? " day" : " days");
        }
        return duration.toSeconds() + " s";
    }

    /** Whole days from {@code now} to the end, rounded up; 0 when it is past. */
    public int daysLeft(Instant now) {
        long seconds = Duration.between(now, at).getSeconds();
        return seconds <= 0 ? 0 : (int) ((seconds + 86_399) / 86_400);
    }
}
