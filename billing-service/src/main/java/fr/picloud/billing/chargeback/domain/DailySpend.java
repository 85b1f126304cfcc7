package fr.picloud.billing.chargeback.domain;

import fr.picloud.contracts.offering.PriceUnit;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A month's spend day by day, derived from its statement lines: what each day accrued and the running
 * total, for the statements given together and for each of their tenants.
 *
 * <p>Days are the billing zone's calendar days, the period's own (Europe/Paris: the days cut the month
 * exactly, and a daylight-saving day has 23 or 25 hours). A time-based line is spread over the days of
 * its usage interval in proportion to the seconds of it in each day; a setup fee is on the day it fell
 * due; a line whose interval lies outside the days shown (an adjustment of a closed month) is on the
 * nearest one, the month's first. Each line's cents are shared out by the largest remainder (a cent
 * left over goes to the day that lost most to rounding, the earlier on a tie), so a line's days sum to
 * its amount and the days to the statements' total, to the cent.
 *
 * @param days one per day from the period's first, in order
 * @param tenants one per statement, in the statements' order
 */
public record DailySpend(List<Day> days, List<TenantDays> tenants) {

    /** A day's spend and the spend from the first of the month to the end of that day. */
    public record Day(LocalDate date, BigDecimal amount, BigDecimal cumulative) {}

    /** One tenant's days; {@code total} is its statement's. */
    public record TenantDays(String tenant, BigDecimal total, List<Day> days) {}

    /** The days' sum, which is the statements' total. */
    public BigDecimal total() {
        return days.isEmpty() ? BigDecimal.ZERO : days.getLast().cumulative();
    }

    /**
     * @param asOf what the statements were rated as of: the days run from the period's first to the
     *     day of {@code asOf}, or to the period's last once {@code asOf} is at or past its end
     */
    public static DailySpend of(Period period, List<Statement> statements, Instant asOf) {
        Instant[] bounds = bounds(period, asOf);
        long[] together = new long[bounds.length - 1];
        List<TenantDays> tenants = new ArrayList<>(statements.size());
        for (Statement statement : statements) {
            long[] cents = new long[together.length];
            for (StatementLine line : statement.lines()) {
                spread(line, bounds, cents);
            }
            for (int day = 0; day < cents.length; day++) {
                together[day] += cents[day];
            }
            tenants.add(new TenantDays(statement.tenant(), statement.total(), days(period.zone(), bounds, cents)));
        }
        return new DailySpend(days(period.zone(), bounds, together), List.copyOf(tenants));
    }

    /** The start of each day shown, then the end of the last. */
    private static Instant[] bounds(Period period, Instant asOf) {
        ZoneId zone = period.zone();
        LocalDate first = period.month().atDay(1);
        LocalDate last = asOf.isBefore(period.end())
                ? LocalDate.ofInstant(asOf, zone)
                : period.month().atEndOfMonth();
        if (last.isBefore(first)) {
            last = first;
        }
        int count = (int) ChronoUnit.DAYS.between(first, last) + 1;
        Instant[] bounds = new Instant[count + 1];
        for (int day = 0; day <= count; day++) {
            bounds[day] = first.plusDays(day).atStartOfDay(zone).toInstant();
        }
        return bounds;
    }

    /** Adds the line's cents to the days it accrued on. */
    static void spread(StatementLine line, Instant[] bounds, long[] into) {
        long amount = line.amount().movePointRight(2).longValueExact();
        if (amount == 0) {
            return;
        }
        long[] seconds = new long[into.length];
        long total = 0;
        if (line.unit() != PriceUnit.SETUP_FEE) {
            for (int day = 0; day < into.length; day++) {
                seconds[day] = overlap(line.usageFrom(), line.usageTo(), bounds[day], bounds[day + 1]);
                total += seconds[day];
            }
        }
        if (total == 0) {
            into[dayOf(line.usageFrom(), bounds)] += amount;
            return;
        }
        long sign = Long.signum(amount);
        long cents = Math.abs(amount);
        long[] remainders = new long[into.length];
        long given = 0;
        for (int day = 0; day < into.length; day++) {
            long weighted = Math.multiplyExact(cents, seconds[day]);
            into[day] += sign * (weighted / total);
            remainders[day] = weighted % total;
            given += weighted / total;
        }
        IntStream.range(0, into.length)
                .boxed()
                .sorted(Comparator.comparingLong((Integer day) -> remainders[day])
                        .reversed()
                        .thenComparing(day -> day))
                .limit(cents - given)
                .forEach(day -> into[day] += sign);
    }

    private static long overlap(Instant from, Instant to, Instant dayStart, Instant dayEnd) {
        Instant start = from.isAfter(dayStart) ? from : dayStart;
        Instant end = to.isBefore(dayEnd) ? to : dayEnd;
        return start.isBefore(end) ? Duration.between(start, end).toSeconds() : 0;
    }

    /** The day shown that holds the instant, or the nearest one. */
    private static int dayOf(Instant instant, Instant[] bounds) {
        for (int day = 0; day < bounds.length - 1; day++) {
            if (instant.isBefore(bounds[day + 1])) {
                return day;
            }
        }
        return bounds.length - 2;
    }

    private static List<Day> days(ZoneId zone, Instant[] bounds, long[] cents) {
        List<Day> days = new ArrayList<>(cents.length);
        long cumulative = 0;
        for (int day = 0; day < cents.length; day++) {
            cumulative += cents[day];
            days.add(new Day(
                    LocalDate.ofInstant(bounds[day], zone),
                    BigDecimal.valueOf(cents[day], 2),
                    BigDecimal.valueOf(cumulative, 2)));
        }
        return List.copyOf(days);
    }
}
