package fr.picloud.migration.wave.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * A dated batch of applications moved together. Once launched, later plans carry it over untouched.
 *
 * @param planVersion the plan that created it
 */
public record Wave(
        UUID id,
        int planVersion,
        int number,
        LocalDate startDate,
        LocalDate endDate,
        boolean launched,
        Instant launchedAt,
        String launchedBy) {

    public Wave {
        Objects.requireNonNull(id, "id");
    }

    public Wave launch(String by, Instant at) {
        return launched ? this : new Wave(id, planVersion, number, startDate, endDate, true, at, by);
    }
}
