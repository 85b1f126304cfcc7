package fr.picloud.migration.assessment.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How applications are assessed, as data a migration lead edits: two scores, each a base plus the
 * weights of the factors whose conditions hold (clamped to 0..100), their combination, and the rules
 * that recommend what to do, tried in order (the first whose conditions all hold wins).
 */
public record ScoringModel(Score ease, Score benefit, Combination combined, List<RecommendationRule> recommendations) {

    public ScoringModel {
        Objects.requireNonNull(ease, "ease");
        Objects.requireNonNull(benefit, "benefit");
        Objects.requireNonNull(combined, "combined");
        recommendations = List.copyOf(Objects.requireNonNullElse(recommendations, List.of()));
    }

    /** One score: its starting value and what moves it. */
    public record Score(double base, List<Factor> factors) {

        public Score {
            factors = List.copyOf(Objects.requireNonNullElse(factors, List.of()));
        }
    }

    /** A reason to add to (or, with a negative weight, take from) a score, when all its conditions hold. */
    public record Factor(String id, String label, double weight, List<Condition> when) {

        public Factor {
            Objects.requireNonNull(id, "id");
            label = label == null ? id : label;
            when = List.copyOf(Objects.requireNonNullElse(when, List.of()));
        }
    }

    /** The combined score: {@code easeWeight * ease + benefitWeight * benefit}. */
    public record Combination(double easeWeight, double benefitWeight) {}

    /** Recommends {@code recommendation}, for {@code reason}, when all conditions hold (none: always). */
    public record RecommendationRule(Recommendation recommendation, String reason, List<Condition> when) {

        public RecommendationRule {
            Objects.requireNonNull(recommendation, "recommendation");
            when = List.copyOf(Objects.requireNonNullElse(when, List.of()));
        }
    }

    /** One problem of a model an author submitted: where (a dotted path) and what. */
    public record Problem(String field, String message) {}

    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        checkScore("ease", ease, problems);
        checkScore("benefit", benefit, problems);
        if (combined.easeWeight() < 0
                || combined.benefitWeight() < 0
                || combined.easeWeight() + combined.benefitWeight() <= 0) {
            problems.add(new Problem("combined", "weights must not be negative and must not both be zero"));
        }
        if (recommendations.isEmpty()) {
            problems.add(new Problem("recommendations", "at least one rule is needed"));
        } else if (!recommendations.getLast().when().isEmpty()) {
            problems.add(new Problem(
                    "recommendations[" + (recommendations.size() - 1) + "]",
                    "the last rule must have no condition, so every application gets a recommendation"));
        }
        Set<String> facts = ApplicationFacts.RECOMMENDATION_FACTS;
        for (int index = 0; index < recommendations.size(); index++) {
            List<Condition> when = recommendations.get(index).when();
            for (int c = 0; c < when.size(); c++) {
                for (String message : when.get(c).problems(facts)) {
                    problems.add(new Problem("recommendations[" + index + "].when[" + c + "]", message));
                }
            }
        }
        return problems;
    }

    private static void checkScore(String name, Score score, List<Problem> problems) {
        Set<String> ids = new java.util.HashSet<>();
        for (int index = 0; index < score.factors().size(); index++) {
            Factor factor = score.factors().get(index);
            String path = name + ".factors[" + index + "]";
            if (!ids.add(factor.id())) {
                problems.add(new Problem(path + ".id", "factor id '" + factor.id() + "' is used twice"));
            }
            if (factor.when().isEmpty()) {
                problems.add(new Problem(path + ".when", "a factor needs at least one condition"));
            }
            for (int c = 0; c < factor.when().size(); c++) {
                for (String message : factor.when().get(c).problems(ApplicationFacts.FACTS)) {
                    problems.add(new Problem(path + ".when[" + c + "]", message));
                }
            }
        }
    }
}
