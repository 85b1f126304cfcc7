package fr.picloud.migration.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.migration.Applications;
import fr.picloud.migration.assessment.domain.Assessment;
import fr.picloud.migration.assessment.domain.Assessment.Contribution;
import fr.picloud.migration.assessment.domain.Assessor;
import fr.picloud.migration.assessment.domain.Condition;
import fr.picloud.migration.assessment.domain.Recommendation;
import fr.picloud.migration.assessment.domain.ScoringModel;
import fr.picloud.migration.assessment.domain.ScoringModel.Combination;
import fr.picloud.migration.assessment.domain.ScoringModel.Factor;
import fr.picloud.migration.assessment.domain.ScoringModel.RecommendationRule;
import fr.picloud.migration.assessment.domain.ScoringModel.Score;
import fr.picloud.migration.portfolio.domain.Application;
import fr.picloud.migration.portfolio.domain.Application.Hosting;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scores, recommendations and their explanations come from the model's data, factor by factor. */
class AssessorTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    /** A small model the assertions can add up by hand. */
    private static final ScoringModel MODEL = new ScoringModel(
            new Score(
                    50,
                    List.of(
                            new Factor("virtualised", "already virtualised", 15, List.of(is("hosting", "eq", "VM"))),
                            new Factor("mainframe", "mainframe", -45, List.of(is("hosting", "eq", "MAINFRAME"))),
                            new Factor("stateless", "no database", 10, List.of(is("stateless", "eq", true))),
                            new Factor(
                                    "few-dependencies",
                                    "few dependencies",
                                    10,
                                    List.of(is("dependencyCount", "lte", 2))),
                            new Factor(
                                    "dongle",
                                    "hardware licence",
                                    -30,
                                    List.of(is("licenceConstraint", "contains", "dongle"))))),
            new Score(
                    30,
                    List.of(
                            new Factor(
                                    "end-of-support-passed",
                                    "end of support passed",
                                    25,
                                    List.of(is("monthsToEndOfSupport", "lt", 0))),
                            new Factor(
                                    "physical", "dedicated hardware", 15, List.of(is("hosting", "eq", "PHYSICAL"))))),
            new Combination(0.6, 0.4),
            List.of(
                    new RecommendationRule(
                            Recommendation.RETIRE,
                            "hardly used, unsupported",
                            List.of(is("users", "lte", 10), is("monthsToEndOfSupport", "lt", 0))),
                    new RecommendationRule(
                            Recommendation.RETAIN,
                            "hardware dongle",
                            List.of(is("licenceConstraint", "contains", "dongle"))),
                    new RecommendationRule(
                            Recommendation.REFACTOR, "mainframe code", List.of(is("hosting", "eq", "MAINFRAME"))),
                    new RecommendationRule(Recommendation.REHOST, "easy", List.of(is("ease", "gte", 60))),
                    new RecommendationRule(Recommendation.RETAIN, "little to gain", List.of())));

    private final Assessor assessor = new Assessor(MODEL, 7);

    @Test
    void each_matching_factor_is_explained_with_its_contribution_and_the_scores_add_up() {
        Application easy = Applications.easy("APP-1").build();

        Assessment assessment = assessor.assessAll(List.of(easy), TODAY).getFirst();

        assertThat(assessment.ease()).isEqualTo(85.0);
        assertThat(assessment.benefit()).isEqualTo(30.0);
        assertThat(assessment.combined()).isEqualTo(63.0);
        assertThat(assessment.modelVersion()).isEqualTo(7);
        assertThat(assessment.explanation())
                .filteredOn(contribution -> contribution.score().equals("ease"))
                .extracting(Contribution::factor, Contribution::contribution)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("base", 50.0),
                        org.assertj.core.groups.Tuple.tuple("virtualised", 15.0),
                        org.assertj.core.groups.Tuple.tuple("stateless", 10.0),
                        org.assertj.core.groups.Tuple.tuple("few-dependencies", 10.0));
        assertThat(assessment.explanation())
                .filteredOn(contribution -> contribution.factor().equals("virtualised"))
                .extracting(Contribution::evidence)
                .containsExactly("hosting = VM");
        assertThat(assessment.recommendation()).isEqualTo(Recommendation.REHOST);
        assertThat(assessment.recommendationReason()).isEqualTo("easy (ease = 85.0)");
    }

    @Test
    void negative_factors_lower_a_score_and_the_first_matching_rule_recommends() {
        Application mainframe = Applications.easy("APP-2")
                .hosting(Hosting.MAINFRAME)
                .database("DB2")
                .endOfSupport(LocalDate.of(2024, 9, 30))
                .build();

        Assessment assessment = assessor.assessAll(List.of(mainframe), TODAY).getFirst();

        assertThat(assessment.ease()).isEqualTo(50 - 45 + 10);
        assertThat(assessment.benefit()).isEqualTo(30 + 25);
        assertThat(assessment.explanation())
                .extracting(Contribution::factor)
                .contains("mainframe", "end-of-support-passed")
                .doesNotContain("virtualised", "stateless");
        assertThat(assessment.recommendation()).isEqualTo(Recommendation.REFACTOR);
        assertThat(assessment.recommendationReason()).contains("mainframe code", "hosting = MAINFRAME");
    }

    @Test
    void an_unused_application_on_an_unsupported_system_is_retired_and_a_dongle_keeps_one_where_it_is() {
        Application forgotten = Applications.easy("APP-3")
                .users(2)
                .endOfSupport(LocalDate.of(2020, 1, 14))
                .build();
        Application dongle =
                Applications.easy("APP-4").licence("hardware dongle").build();

        List<Assessment> assessments = assessor.assessAll(List.of(forgotten, dongle), TODAY);

        assertThat(assessments.get(0).recommendation()).isEqualTo(Recommendation.RETIRE);
        assertThat(assessments.get(0).recommendationReason()).contains("users = 2", "monthsToEndOfSupport = -");
        assertThat(assessments.get(1).recommendation()).isEqualTo(Recommendation.RETAIN);
        assertThat(assessments.get(1).ease()).isEqualTo(85 - 30);
    }

    @Test
    void a_score_stays_within_0_and_100() {
        Application worst = Applications.easy("APP-5")
                .hosting(Hosting.MAINFRAME)
                .database("DB2")
                .licence("hardware dongle")
                .dependsOn("A", "B", "C")
                .build();

        assertThat(assessor.assessAll(List.of(worst), TODAY).getFirst().ease()).isZero();
    }

    @Test
    void a_model_with_unknown_facts_operators_or_no_final_rule_lists_each_problem() {
        ScoringModel broken = new ScoringModel(
                new Score(50, List.of(new Factor("x", "x", 5, List.of(is("colour", "eq", "blue"))))),
                new Score(30, List.of(new Factor("y", "y", 5, List.of(is("users", "around", 3))))),
                new Combination(0.5, 0.5),
                List.of(new RecommendationRule(Recommendation.REHOST, "easy", List.of(is("ease", "gte", 60)))));

        assertThat(broken.problems())
                .extracting(ScoringModel.Problem::field)
                .containsExactlyInAnyOrder(
                        "ease.factors[0].when[0]", "benefit.factors[0].when[0]", "recommendations[0]");
    }

    private static Condition is(String fact, String op, Object value) {
        return new Condition(fact, op, value);
    }
}
