package fr.picloud.order.ordering.adapter.web;

import fr.picloud.contracts.order.OperationType;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.order.ordering.application.OperationService;
import fr.picloud.order.ordering.domain.OrderOperation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Day-2 operations on the resources of the caller's tenant's completed orders. */
@RestController
@RequestMapping("/api/v1/orders/{orderId}/operations")
@Validated
class OperationController {

    private final OperationService operations;

    OperationController(OperationService operations) {
        this.operations = operations;
    }

    /**
     * An operation asked for.
     *
     * @param target the name of the order's server (RESIZE, STOP, START, REBOOT), volume (EXTEND_VOLUME,
     *     SNAPSHOT) or snapshot (DELETE_SNAPSHOT); none for SET_EXPIRY
     * @param endsAt SET_EXPIRY: the order's new end date
     */
    record AskOperation(
            @NotNull OperationType type,
            @Size(max = 200) String target,
            @Size(max = 100) String flavor,
            @Min(1) @Max(1_000_000) Integer sizeGb,
            Instant endsAt) {}

    record Decision(@Size(max = 2000) String reason) {}

    record OperationView(
            UUID id,
            UUID orderId,
            OperationType type,
            OrderOperation.Status status,
            String target,
            ProvisionedResource resourceBefore,
            String flavor,
            Integer sizeGb,
            Instant endsAt,
            BigDecimal monthlyDelta,
            String requestedBy,
            Instant requestedAt,
            String decidedBy,
            Instant finishedAt,
            String reason,
            String description) {

        static OperationView of(OrderOperation operation) {
            OrderOperation.Request request = operation.request();
            return new OperationView(
                    operation.id(),
                    request.orderId(),
                    request.type(),
                    operation.status(),
                    request.target() == null ? null : request.target().name(),
                    request.target(),
                    request.flavor(),
                    request.sizeGb(),
                    request.endsAt(),
                    request.monthlyDelta(),
                    request.requestedBy(),
                    request.requestedAt(),
                    operation.decidedBy(),
                    operation.finishedAt(),
                    operation.reason(),
                    operation.describe());
        }
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('agent', 'approver')")
    @Operation(
            operationId = "requestOperation",
            summary = "Ask for a day-2 operation on a completed order's resource; the same Idempotency-Key and"
                    + " body return the same operation",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            examples = {
                                                @ExampleObject(
                                                        name = "resize",
                                                        value =
                                                                "{\"type\":\"RESIZE\",\"target\":\"app-0\",\"flavor\":\"m1.large\"}"),
                                                @ExampleObject(
                                                        name = "extend",
                                                        value =
                                                                "{\"type\":\"EXTEND_VOLUME\",\"target\":\"data-0\",\"sizeGb\":50}"),
                                                @ExampleObject(
                                                        name = "snapshot",
                                                        value = "{\"type\":\"SNAPSHOT\",\"target\":\"data-0\"}"),
                                                @ExampleObject(
                                                        name = "extend the end date",
                                                        value =
                                                                "{\"type\":\"SET_EXPIRY\",\"endsAt\":\"2027-03-01T00:00:00Z\"}")
                                            })))
    // 201 in the OpenAPI document too (the ResponseEntity sets it)
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<OperationView> request(
            @PathVariable UUID orderId,
            @RequestHeader("Idempotency-Key")
                    @NotBlank
                    @Size(max = 100)
                    @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "letters, digits and ._:-")
                    String idempotencyKey,
            @Valid @RequestBody AskOperation body) {
        OperationService.Requested requested = operations.request(
                OrderController.caller(),
                orderId,
                idempotencyKey,
                new OperationService.Ask(body.type(), body.target(), body.flavor(), body.sizeGb(), body.endsAt()));
        OrderOperation operation = requested.operation();
        return ResponseEntity.created(URI.create("/api/v1/orders/" + orderId + "/operations/" + operation.id()))
                .header("Idempotent-Replayed", Boolean.toString(requested.replayed()))
                .body(OperationView.of(operation));
    }

    @GetMapping
    @Operation(
            operationId = "listOperations",
            summary = "The order's day-2 operations, oldest first, with their status")
    List<OperationView> list(@PathVariable UUID orderId) {
        return operations.list(OrderController.caller(), orderId).stream()
                .map(OperationView::of)
                .toList();
    }

    @GetMapping("/{operationId}")
    @Operation(operationId = "getOperation", summary = "One day-2 operation of the order")
    OperationView get(@PathVariable UUID orderId, @PathVariable UUID operationId) {
        return OperationView.of(operations.get(OrderController.caller(), orderId, operationId));
    }

    @PostMapping("/{operationId}/approve")
    @PreAuthorize("hasRole('approver')")
    @Operation(
            operationId = "approveOperation",
            summary = "Approve an operation that waits for approval; it goes to provisioning")
    OperationView approve(@PathVariable UUID orderId, @PathVariable UUID operationId) {
        return OperationView.of(operations.approve(OrderController.caller(), orderId, operationId));
    }

    @PostMapping("/{operationId}/reject")
    @PreAuthorize("hasRole('approver')")
    @Operation(
            operationId = "rejectOperation",
            summary = "Reject an operation that waits for approval; its quota is released")
    OperationView reject(
            @PathVariable UUID orderId,
            @PathVariable UUID operationId,
            @Valid @RequestBody(required = false) Decision body) {
        return OperationView.of(
                operations.reject(OrderController.caller(), orderId, operationId, body == null ? null : body.reason()));
    }
}
