package fr.picloud.provisioning.saga.adapter.web;

import fr.picloud.platform.domain.InvalidInputException;
import fr.picloud.platform.security.CurrentUser;
import fr.picloud.provisioning.saga.application.SagaOperations;
import fr.picloud.provisioning.saga.application.SagaOperations.SagaView;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.Saga;
import fr.picloud.provisioning.saga.domain.SagaStatus;
import fr.picloud.provisioning.saga.domain.SagaStep;
import fr.picloud.provisioning.saga.domain.StepStatus;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The operators' view of sagas (role {@code ops}); every action is audited on the saga. */
@RestController
@RequestMapping("/api/v1/sagas")
@PreAuthorize("hasRole('ops')")
class SagaController {

    private final SagaOperations operations;

    SagaController(SagaOperations operations) {
        this.operations = operations;
    }

    record StepView(
            String name,
            String kind,
            String status,
            List<String> dependsOn,
            int attempts,
            Instant startedAt,
            Instant finishedAt,
            Long durationMs,
            String lastError,
            CloudResource resource) {}

    record SagaSummary(
            UUID id,
            UUID orderId,
            String tenant,
            String kind,
            String status,
            boolean stuck,
            String failedStep,
            String reason,
            Instant createdAt,
            Instant deadline,
            Instant finishedAt) {}

    record SagaDetails(
            SagaSummary saga,
            List<StepView> steps,
            List<CloudResource> resources,
            List<CloudResource> remaining,
            List<Map<String, Object>> audit) {}

    @GetMapping
    @Operation(
            operationId = "listSagas",
            summary = "Find sagas by state, by order, or those stuck past their deadline, newest first")
    List<SagaSummary> list(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) UUID orderId,
            @RequestParam(defaultValue = "false") boolean stuck,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidInputException("limit must be between 1 and 1000", List.of());
        }
        return operations.list(status(state), orderId, stuck, limit).stream()
                .map(SagaController::summary)
                .toList();
    }

    @GetMapping("/{id}")
    @Operation(
            operationId = "getSaga",
            summary =
                    "One saga with its steps, the cloud resources they built, what is left to undo, and its audit trail")
    SagaDetails get(@PathVariable UUID id) {
        return details(operations.get(id));
    }

    @PostMapping("/{id}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            operationId = "retrySaga",
            summary =
                    "Resume a saga: its failed steps (or failed undos) get fresh attempts and a new deadline; audited",
            description = "Allowed while the saga is running, compensating or its compensation failed; 409 otherwise.")
    SagaDetails retry(@PathVariable UUID id) {
        return details(operations.retry(id, CurrentUser.get().subject()));
    }

    @PostMapping("/{id}/compensate")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            operationId = "compensateSaga",
            summary = "Stop a running saga and undo what it built, in reverse order; audited",
            description = "Only for a running saga; 409 otherwise.")
    SagaDetails compensate(@PathVariable UUID id) {
        return details(operations.compensate(id, CurrentUser.get().subject()));
    }

    private static SagaStatus status(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return SagaStatus.valueOf(state.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    "state must be one of " + Arrays.toString(SagaStatus.values()) + ", not '" + state + "'",
                    List.of());
        }
    }

    private static SagaSummary summary(SagaView view) {
        Saga saga = view.saga();
        return new SagaSummary(
                saga.id(),
                saga.orderId(),
                saga.tenant(),
                saga.kind().name(),
                saga.status().name(),
                view.stuck(),
                saga.failedStep(),
                saga.reason(),
                saga.createdAt(),
                saga.deadline(),
                saga.finishedAt());
    }

    private static SagaDetails details(SagaView view) {
        Saga saga = view.saga();
        List<StepView> steps = saga.steps().stream().map(SagaController::step).toList();
        List<CloudResource> resources = saga.steps().stream()
                .filter(step -> step.resource() != null && !step.kind().equals("project"))
                .map(SagaStep::resource)
                .toList();
        List<CloudResource> remaining = saga.steps().stream()
                .filter(step -> step.resource() != null && !step.kind().equals("project"))
                .filter(step -> step.status() == StepStatus.UNDO_FAILED || step.status() == StepStatus.UNDOING)
                .map(SagaStep::resource)
                .toList();
        List<Map<String, Object>> audit = view.audit().stream()
                .map(entry ->
                        Map.<String, Object>of("at", entry.at(), "actor", entry.actor(), "action", entry.action()))
                .toList();
        return new SagaDetails(summary(view), steps, resources, remaining, audit);
    }

    private static StepView step(SagaStep step) {
        Long duration = step.startedAt() != null && step.finishedAt() != null
                ? Duration.between(step.startedAt(), step.finishedAt()).toMillis()
                : null;
        return new StepView(
                step.name(),
                step.kind(),
                step.status().name(),
                step.plan().dependsOn(),
                step.attempts(),
                step.startedAt(),
                step.finishedAt(),
                duration,
                step.lastError(),
                step.resource());
    }
}
