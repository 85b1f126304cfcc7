package fr.picloud.order.ordering.adapter.web;

import fr.picloud.contracts.order.OrderQuote;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.order.ordering.application.Caller;
import fr.picloud.order.ordering.application.OrderRepository;
import fr.picloud.order.ordering.application.OrderService;
import fr.picloud.order.ordering.domain.Order;
import fr.picloud.order.ordering.domain.OrderRequest;
import fr.picloud.order.ordering.domain.OrderStatus;
import fr.picloud.order.ordering.domain.TimelineEntry;
import fr.picloud.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The portal's orders: the caller's tenant comes from the token, never from the request. */
@RestController
@RequestMapping("/api/v1/orders")
@Validated
class OrderController {

    private final OrderService orders;

    OrderController(OrderService orders) {
        this.orders = orders;
    }

    record PlaceOrder(
            @NotNull UUID offeringId,
            @NotNull @Size(max = 50) Map<String, Object> parameters,
            @NotBlank @Size(max = 30) String costCenter,
            @Size(max = 2000) String justification,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "when the platform decommissions the order by itself (ISO-8601 instant); required,"
                            + " at most the offering's maxLifetimeDays ahead, when the offering has one")
            Instant endsAt) {}

    record Decision(@Size(max = 2000) String reason) {}

    record Placed(UUID id, OrderStatus status, OrderQuote quote) {}

    record OrderView(
            UUID id,
            OrderStatus status,
            String requester,
            String placedBy,
            UUID offeringId,
            String offeringCode,
            String costCenter,
            String justification,
            Map<String, Object> parameters,
            OrderQuote quote,
            int requiredApprovals,
            List<String> approvers,
            List<ProvisionedResource> resources,
            Instant placedAt,
            List<TimelineEntry> timeline,
            Instant endsAt,
            boolean endExtended) {

        static OrderView of(Order order) {
            return new OrderView(
                    order.id(),
                    order.status(),
                    order.requester(),
                    order.placedBy(),
                    order.request().offeringId(),
                    order.offeringCode(),
                    order.request().costCenter(),
                    order.request().justification(),
                    order.request().parameters(),
                    order.quote(),
                    order.requiredApprovals(),
                    order.approvers(),
                    order.resources(),
                    order.placedAt(),
                    order.timeline(),
                    order.end() == null ? null : order.end().at(),
                    order.end() != null && order.end().extended());
        }
    }

    record OrderSummary(
            UUID id, OrderStatus status, String requester, String offeringCode, OrderQuote quote, Instant placedAt) {}

    record OrderPage(List<OrderSummary> items, int page, int size, long total) {}

    @PostMapping
    @PreAuthorize("hasAnyRole('agent', 'approver')")
    @Operation(
            operationId = "placeOrder",
            summary = "Place an order; the same Idempotency-Key and body return the same order")
    // 201 in the OpenAPI document too (the ResponseEntity sets it)
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<Placed> place(
            @RequestHeader("Idempotency-Key")
                    @NotBlank
                    @Size(max = 100)
                    @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "letters, digits and ._:-")
                    String idempotencyKey,
            @Valid @RequestBody PlaceOrder body) {
        OrderService.Placement placement = orders.place(
                caller(),
                idempotencyKey,
                new OrderRequest(
                        body.offeringId(), body.parameters(), body.costCenter(), body.justification(), body.endsAt()));
        Order order = placement.order();
        return ResponseEntity.created(URI.create("/api/v1/orders/" + order.id()))
                .header("Idempotent-Replayed", Boolean.toString(placement.replayed()))
                .body(new Placed(order.id(), order.status(), order.quote()));
    }

    @GetMapping("/{id}")
    @Operation(
            operationId = "getOrder",
            summary = "One order of the caller's tenant: its parameters, quote, approvals, resources and timeline",
            description = "Another tenant's order is a 404.")
    OrderView get(@PathVariable UUID id) {
        return OrderView.of(orders.get(caller(), id));
    }

    @GetMapping
    @Operation(operationId = "listOrders", summary = "The orders of the caller's tenant, newest first")
    OrderPage list(
            @RequestParam(required = false) OrderStatus status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        OrderRepository.Page found = orders.list(caller(), status, page, size);
        return new OrderPage(
                found.orders().stream()
                        .map(order -> new OrderSummary(
                                order.id(),
                                order.status(),
                                order.requester(),
                                order.offeringCode(),
                                order.quote(),
                                order.placedAt()))
                        .toList(),
                page,
                size,
                found.total());
    }

    @PostMapping("/{id}/approve")
    @PreAuthorize("hasRole('approver')")
    @Operation(
            operationId = "approveOrder",
            summary =
                    "Approve an order that waits for approval (never one's own); with every approval it needs, it goes to provisioning")
    OrderView approve(@PathVariable UUID id) {
        return OrderView.of(orders.approve(caller(), id));
    }

    @PostMapping("/{id}/reject")
    @PreAuthorize("hasRole('approver')")
    @Operation(
            operationId = "rejectOrder",
            summary =
                    "Reject an order that waits for approval, with an optional reason; its quota reservation is released")
    OrderView reject(@PathVariable UUID id, @Valid @RequestBody(required = false) Decision body) {
        return OrderView.of(orders.reject(caller(), id, body == null ? null : body.reason()));
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasAnyRole('agent', 'approver')")
    @Operation(
            operationId = "cancelOrder",
            summary =
                    "Withdraw an order not yet in provisioning (its requester or an approver); its quota reservation is released")
    OrderView cancel(@PathVariable UUID id, @Valid @RequestBody(required = false) Decision body) {
        return OrderView.of(orders.cancel(caller(), id, body == null ? null : body.reason()));
    }

    @PostMapping("/{id}/decommission")
    @PreAuthorize("hasAnyRole('agent', 'approver')")
    @Operation(
            operationId = "decommissionOrder",
            summary =
                    "Delete a provisioned order's resources (its requester or an approver); refused with 409 while a day-2 operation is open")
    OrderView decommission(@PathVariable UUID id) {
        return OrderView.of(orders.decommission(caller(), id));
    }

    static Caller caller() {
        CurrentUser user = CurrentUser.get();
        return new Caller(user.subject(), user.tenant(), user.roles());
    }
}
