package fr.picloud.migration.assessment.domain;

import fr.picloud.migration.assessment.domain.Assessment.Contribution;
import fr.picloud.migration.portfolio.domain.Application;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Applies a scoring model to a portfolio. Pure: the same portfolio, model and day give the same result. */
public final class Assessor {

    private final ScoringModel model;
    private final int modelVersion;

    public Assessor(ScoringModel model, int modelVersion) {
        this.model = model;
        this.modelVersion = modelVersion;
    }

    public List<Assessment> assessAll(List<Application> portfolio, LocalDate today) {
        Map<String, Integer> dependents = new HashMap<>();
        for (Application application : portfolio) {
            application.dependencies().forEach(dependency -> dependents.merge(dependency, 1, Integer::sum));
        }
        List<Assessment> assessments = new ArrayList<>(portfolio.size());
        for (Application application : portfolio) {
            assessments.add(assess(
                    application,
                    ApplicationFacts.of(application, dependents.getOrDefault(application.id(), 0), today)));
        }
        return assessments;
    }

    public Assessment assess(Application application, Map<String, Object> facts) {
        List<Contribution> explanation = new ArrayList<>();
        double ease = score("ease", model.ease(), facts, explanation);
        double benefit = score("benefit", model.benefit(), facts, explanation);
        double combined =
                round(model.combined().easeWeight() * ease + model.combined().benefitWeight() * benefit);
        Map<String, Object> withScores = new HashMap<>(facts);
        withScores.put("ease", ease);
        withScores.put("benefit", benefit);
        for (ScoringModel.RecommendationRule rule : model.recommendations()) {
            if (rule.when().stream().allMatch(condition -> condition.holds(withScores))) {
                String evidence = rule.when().stream()
                        .map(condition -> condition.evidence(withScores))
                        .collect(Collectors.joining(", "));
                String reason =
                        (rule.reason() == null ? rule.recommendation().name().toLowerCase() : rule.reason())
                                + (evidence.isEmpty() ? "" : " (" + evidence + ")");
                return new Assessment(
                        application.id(),
                        modelVersion,
                        ease,
                        benefit,
                        combined,
                        rule.recommendation(),
                        reason,
                        List.copyOf(explanation));
            }
        }
        // a valid model ends with an unconditional rule; an edited one that does not keeps the application where it is
        return new Assessment(
                application.id(),
                modelVersion,
                ease,
                benefit,
                combined,
                Recommendation.RETAIN,
                "no rule of the model matched",
                List.copyOf(explanation));
    }

    private static double score(
            String name, ScoringModel.Score score, Map<String, Object> facts, List<Contribution> explanation) {
        double total = score.base();
        explanation.add(new Contribution(name, "base", "starting value", score.base(), ""));
        for (ScoringModel.Factor factor : score.factors()) {
            if (factor.when().stream().allMatch(condition -> condition.holds(facts))) {
                total += factor.weight();
                explanation.add(new Contribution(
                        name,
                        factor.id(),
                        factor.label(),
                        factor.weight(),
                        factor.when().stream()
                                .map(condition -> condition.evidence(facts))
                                .collect(Collectors.joining(", "))));
            }
        }
        return round(Math.max(0, Math.min(100, total)));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
