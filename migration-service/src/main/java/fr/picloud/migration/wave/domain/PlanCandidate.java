package fr.picloud.migration.wave.domain;

import fr.picloud.migration.assessment.domain.Recommendation;
import fr.picloud.migration.sizing.domain.TargetSizing;
import java.util.List;
import java.util.Objects;

/**
 * An application as the planner sees it: its assessment, what it needs and, when it moves now, its
 * target.
 *
 * @param target the sized order it becomes, {@code null} unless its recommendation moves it now
 */
public record PlanCandidate(
        String id,
        String name,
        double combined,
        Recommendation recommendation,
        String recommendationReason,
        List<String> dependencies,
        TargetSizing target) {

    public PlanCandidate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(recommendation, "recommendation");
        dependencies = List.copyOf(Objects.requireNonNullElse(dependencies, List.of()));
        if (recommendation.movesNow() && target == null) {
            throw new IllegalArgumentException(id + " moves now (" + recommendation + ") but has no target");
        }
    }

    int vcpus() {
        return target == null ? 0 : target.vcpus();
    }
}
