package fr.picloud.migration.assessment.adapter.web;

import fr.picloud.migration.assessment.application.AssessmentService;
import fr.picloud.migration.assessment.application.ScoringModels.VersionedModel;
import fr.picloud.migration.assessment.domain.Assessment;
import fr.picloud.migration.assessment.domain.ScoringModel;
import fr.picloud.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The scoring model (versioned data) and the assessments it gives. */
@RestController
@RequestMapping("/api/v1")
@PreAuthorize("hasRole('migration-lead')")
class AssessmentController {

    private final AssessmentService assessment;

    AssessmentController(AssessmentService assessment) {
        this.assessment = assessment;
    }

    @GetMapping("/assessment/model")
    @Operation(
            operationId = "getScoringModel",
            summary = "The scoring model in force: factors, weights and recommendation rules, with its version")
    VersionedModel currentModel() {
        return assessment.currentModel();
    }

    @PutMapping("/assessment/model")
    @Operation(
            operationId = "changeScoringModel",
            summary = "Replace the scoring model: stored as a new version, in force at once; 422 names each problem")
    VersionedModel changeModel(@RequestBody ScoringModel model) {
        return assessment.changeModel(model, CurrentUser.get().subject());
    }

    @GetMapping("/assessment/model/versions")
    @Operation(operationId = "listScoringModels", summary = "Every stored version of the scoring model")
    List<VersionedModel> versions() {
        return assessment.models();
    }

    @GetMapping("/assessment/model/versions/{version}")
    @Operation(operationId = "getScoringModelVersion", summary = "One version of the scoring model")
    VersionedModel version(@PathVariable int version) {
        return assessment.model(version);
    }

    @GetMapping("/assessments")
    @Operation(
            operationId = "listAssessments",
            summary = "Every application's two scores, recommendation and the factors behind them")
    List<Assessment> assessments() {
        return assessment.assessAll().assessments();
    }

    @GetMapping("/applications/{id}/assessment")
    @Operation(
            operationId = "getApplicationAssessment",
            summary = "One application's two scores, recommendation and the factors behind them")
    Assessment assessmentOf(@PathVariable String id) {
        return assessment.assess(id);
    }
}
