package fr.picloud.migration.assessment.application;

import fr.picloud.migration.assessment.application.ScoringModels.VersionedModel;
import fr.picloud.migration.assessment.domain.Assessment;
import fr.picloud.migration.assessment.domain.Assessor;
import fr.picloud.migration.assessment.domain.ScoringModel;
import fr.picloud.migration.portfolio.application.Portfolio;
import fr.picloud.migration.portfolio.domain.Application;
import fr.picloud.platform.domain.InvalidInputException;
import fr.picloud.platform.domain.InvalidInputException.Violation;
import fr.picloud.platform.domain.NotFoundException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Scores the portfolio with the model in force, and keeps the model's versions. */
@Service
public class AssessmentService {

    private final ScoringModels models;
    private final Portfolio portfolio;
    private final Clock clock;

    public AssessmentService(ScoringModels models, Portfolio portfolio, Clock clock) {
        this.models = models;
        this.portfolio = portfolio;
        this.clock = clock;
    }

    @Transactional
    public VersionedModel currentModel() {
        return models.current();
    }

    @Transactional(readOnly = true)
    public VersionedModel model(int version) {
        return models.version(version).orElseThrow(() -> new NotFoundException("no scoring model version " + version));
    }

    @Transactional(readOnly = true)
    public List<VersionedModel> models() {
        return models.all();
    }

    /** A new version of the model, in force at once; a model with problems is refused, naming each. */
    @Transactional
    public VersionedModel changeModel(ScoringModel model, String author) {
        List<ScoringModel.Problem> problems = model.problems();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(
                    "the scoring model has " + problems.size() + " problem(s)",
                    problems.stream()
                            .map(problem -> new Violation(problem.field(), problem.message()))
                            .toList());
        }
        models.current(); // the shipped model stays version 1 even when the first edit comes before any read
        return models.add(model, author, clock.instant());
    }

    /** Every application of the portfolio, assessed with the model in force. */
    @Transactional
    public Assessed assessAll() {
        VersionedModel model = models.current();
        List<Application> applications = portfolio.all();
        return new Assessed(
                model,
                applications,
                new Assessor(model.model(), model.version()).assessAll(applications, LocalDate.now(clock)));
    }

    @Transactional
    public Assessment assess(String applicationId) {
        portfolio.find(applicationId).orElseThrow(() -> new NotFoundException("no application " + applicationId));
        return assessAll().assessments().stream()
                .filter(assessment -> assessment.applicationId().equals(applicationId))
                .findFirst()
                .orElseThrow();
    }

    /** The portfolio and its assessments, in the same order. */
    public record Assessed(VersionedModel model, List<Application> applications, List<Assessment> assessments) {}
}
