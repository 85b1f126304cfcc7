package fr.picloud.migration.assessment.domain;

import java.util.List;

/**
 * What the scoring model says of one application, and why.
 *
 * @param explanation every factor that moved a score, with its contribution and the evidence
 * @param recommendationReason the reason of the rule that chose the recommendation
 */
public record Assessment(
        String applicationId,
        int modelVersion,
        double ease,
        double benefit,
        double combined,
        Recommendation recommendation,
        String recommendationReason,
        List<Contribution> explanation) {

    /** One factor's share of a score: {@code score} is "ease" or "benefit", the base has factor "base". */
    public record Contribution(String score, String factor, String label, double contribution, String evidence) {}
}
