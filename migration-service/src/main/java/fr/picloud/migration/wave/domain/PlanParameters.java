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
 * @param waveDays how long a wave lasts; the next one starts the day after
 */
public record PlanParameters(double fraction, int maxApplications, int maxVcpus, LocalDate startDate, int waveDays) {

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
        if (waveDays < 1) {
            violations.add(new Violation("waveDays", "must be at least 1, was " + waveDays));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException("the plan request is invalid", violations);
        }
    }
}
