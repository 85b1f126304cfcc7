package fr.picloud.migration.wave.domain;

import fr.picloud.platform.domain.InvalidInputException;
import fr.picloud.platform.domain.InvalidInputException.Violation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a plan is asked for.
 *
 * @param fraction the share of the whole portfolio to move, in (0, 1]
 * @param maxApplications at most this many applications per wave
 * @param maxVcpus at most this many target vCPU per wave
 * @param waveDays how long a wave lasts, at most {@link #MAX_WAVE_DAYS}; the next one starts the day after
 * @param startDate the first wave's first day, between {@link #EARLIEST_START} and {@link #LATEST_START}:
 *     with the portfolio's size, these bounds keep every wave's dates within what a date (and the
 *     database's) can hold
 */
public record PlanParameters(double fraction, int maxApplications, int maxVcpus, LocalDate startDate, int waveDays) {

    public static final int MAX_WAVE_DAYS = 366;
    public static final LocalDate EARLIEST_START = LocalDate.of(2000, 1, 1);
    public static final LocalDate LATEST_START = LocalDate.of(2999, 12, 31);

    public PlanParameters {
        Objects.requireNonNull(startDate, "startDate");
        List<Violation> violations = new ArrayList<>();
        if (!(fraction > 0 && fraction <= 1)) {
            violations.add(new Violation("fraction", "must be in (0, 1], was " + fraction));
        }
        if (maxApplications < 1) {
            violations.add(new Violation("capacity.applications", "must be at least 1, was " + maxApplications));
        }
        if (maxVcpus < 1) {
            violations.add(new Violation("capacity.vcpus", "must be at least 1, was " + maxVcpus));
        }
        if (waveDays < 1 || waveDays > MAX_WAVE_DAYS) {
            violations.add(
                    new Violation("waveDays", "must be between 1 and " + MAX_WAVE_DAYS + " days, was " + waveDays));
        }
        if (startDate.isBefore(EARLIEST_START) || startDate.isAfter(LATEST_START)) {
            violations.add(new Violation(
                    "startDate", "must be between " + EARLIEST_START + " and " + LATEST_START + ", was " + startDate));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException("the plan request is invalid", violations);
        }
    }
}
