package fr.picloud.order.ordering.adapter.web;

import fr.picloud.order.ordering.application.Caller;
import fr.picloud.order.ordering.application.OrderService;
import fr.picloud.order.ordering.application.SagaProgressHandler;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The steps of an order's sagas, as provisioning reported them, for the order's requester and tenant. */
@RestController
class OrderProgressController {

    private final OrderService orders;
    private final SagaProgressHandler progress;

    OrderProgressController(OrderService orders, SagaProgressHandler progress) {
        this.orders = orders;
        this.progress = progress;
    }

    /** Another tenant's order has no progress (404), as it has no page. */
    @GetMapping("/api/v1/orders/{id}/progress")
    @Operation(
            operationId = "getOrderProgress",
            summary = "The steps of each saga of an order (building it, day-2 operations, taking it down)",
            description = "Each saga with its steps in order (PENDING, RUNNING, RETRYING, DONE, FAILED, COMPENSATED),"
                    + " the first started first; the order's live feed sends the same as a `progress` event at"
                    + " each change. Another tenant's order is a 404.")
    List<SagaProgressView> progress(@PathVariable UUID id) {
        Caller caller = OrderController.caller();
        return progress.ofOrder(orders.get(caller, id).id()).stream()
                .map(SagaProgressView::of)
                .toList();
    }
}
