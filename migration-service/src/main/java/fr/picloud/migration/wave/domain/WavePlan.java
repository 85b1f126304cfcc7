package fr.picloud.migration.wave.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The waves a planning produced and why every application is in or out.
 *
 * @param target how many applications the fraction asks for, those of launched waves included
 * @param waves the new waves, numbered after the launched ones
 * @param excluded every application of the portfolio in no wave, with the reason
 */
public record WavePlan(int portfolioSize, int target, List<PlannedWave> waves, List<Decision> excluded) {

    public record PlannedWave(
            int number,
            LocalDate startDate,
            LocalDate endDate,
            List<Member> members,
            int vcpus,
            BigDecimal costBefore,
            BigDecimal costAfter) {}

    /** An application in a wave: where it goes and why it is in this one. */
    public record Member(String applicationId, String name, double combined, String reason, PlanCandidate candidate) {}

    public record Decision(String applicationId, String name, String reason) {}
}
