package fr.picloud.portal.orders;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * An order's end date as people choose it: the last day the order lives, in Paris time. The order
 * ends when that day does (midnight after it), so the earliest choice, tomorrow, is always more than
 * the day's notice order-service asks for, and the latest one, {@code maxLifetimeDays - 1} days from
 * today, ends within the offering's ceiling.
 */
public final class EndDateField {

    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private EndDateField() {}

    /** When an order whose last day is {@code lastDay} ends: the midnight after it, in Paris. */
    public static Instant endOf(LocalDate lastDay) {
        return lastDay.plusDays(1).atStartOfDay(PARIS).toInstant();
    }

    /** The last day of an order ending at {@code endsAt}, for the date input and the page. */
    public static LocalDate lastDay(Instant endsAt) {
        return ZonedDateTime.ofInstant(endsAt, PARIS).minusNanos(1).toLocalDate();
    }

    /** The submitted date (yyyy-MM-dd), or empty when nothing was typed; a broken date throws. */
    public static Optional<Instant> parse(String submitted) {
        if (submitted == null || submitted.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(endOf(LocalDate.parse(submitted.strip())));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a date: " + submitted, e);
        }
    }

    /** The earliest last day a user may pick today. */
    public static LocalDate earliest(Clock clock) {
        return LocalDate.now(clock.withZone(PARIS)).plusDays(1);
    }

    /** The latest last day within a ceiling of {@code maxLifetimeDays}, or null when there is none. */
    public static LocalDate latest(Clock clock, Integer maxLifetimeDays) {
        return maxLifetimeDays == null
                ? null
                : LocalDate.now(clock.withZone(PARIS)).plusDays(maxLifetimeDays - 1L);
    }
}
