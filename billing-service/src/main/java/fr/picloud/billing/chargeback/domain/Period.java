package fr.picloud.billing.chargeback.domain;

import fr.picloud.platform.domain.InvalidInputException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A billing period: a calendar month in the billing time zone (Europe/Paris), from the first day at
 * 00:00 included to the first day of the next month at 00:00 excluded.
 */
public record Period(YearMonth month, ZoneId zone) implements Comparable<Period> {

    private static final Pattern FORMAT = Pattern.compile("\\d{4}-\\d{2}");

    public Period {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(zone, "zone");
    }

    /** Reads {@code YYYY-MM}; anything else (2026-13, 2026-3, march) is invalid input. */
    public static Period parse(String text, ZoneId zone) {
        if (text == null || !FORMAT.matcher(text).matches()) {
            throw invalid(text);
        }
        try {
            return new Period(YearMonth.parse(text), zone);
        } catch (DateTimeParseException e) {
            throw invalid(text);
        }
    }

    public static Period containing(Instant instant, ZoneId zone) {
        return new Period(YearMonth.from(instant.atZone(zone)), zone);
    }

    private static InvalidInputException invalid(String text) {
        return new InvalidInputException(
                "period must be a month as YYYY-MM, was " + text,
                List.of(new InvalidInputException.Violation("period", "a month as YYYY-MM (01 to 12)")));
    }

    public Instant start() {
        return month.atDay(1).atStartOfDay(zone).toInstant();
    }

    public Instant end() {
        return month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    }

    public Period next() {
        return new Period(month.plusMonths(1), zone);
    }

    public Period previous() {
        return new Period(month.minusMonths(1), zone);
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start()) && instant.isBefore(end());
    }

    /** The period has started by {@code now} (the current month or an earlier one). */
    public boolean hasStartedBy(Instant now) {
        return !start().isAfter(now);
    }

    /** Every instant of the period is before {@code now}. */
    public boolean isOverBy(Instant now) {
        return !end().isAfter(now);
    }

    @Override
    public int compareTo(Period other) {
        return month.compareTo(other.month);
    }

    @Override
    public String toString() {
        return month.toString();
    }
}
