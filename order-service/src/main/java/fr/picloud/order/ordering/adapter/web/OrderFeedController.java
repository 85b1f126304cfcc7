package fr.picloud.order.ordering.adapter.web;

import fr.picloud.order.ordering.application.Caller;
import fr.picloud.order.ordering.application.OrderService;
import io.swagger.v3.oas.annotations.Operation;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live tracking for the portal: server-sent events of each transition, per order or per tenant. A
 * user may hold a few feeds open at once, the instance a bounded number (429 beyond).
 */
@RestController
class OrderFeedController {

    private final OrderService orders;
    private final OrderFeeds feeds;

    OrderFeedController(OrderService orders, OrderFeeds feeds) {
        this.orders = orders;
        this.feeds = feeds;
    }

    /** Another tenant's order has no feed (404), as it has no page. */
    @GetMapping(path = "/api/v1/orders/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(
            operationId = "followOrder",
            summary = "Server-sent events of each transition of one order of the caller's tenant",
            description = "A user may hold a few feeds open at once (429 beyond); another tenant's order is a 404.")
    SseEmitter orderFeed(@PathVariable UUID id) {
        Caller caller = OrderController.caller();
        return feeds.subscribeToOrder(caller.subject(), orders.get(caller, id).id());
    }

    @GetMapping(path = "/api/v1/orders/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(
            operationId = "followTenantOrders",
            summary = "Server-sent events of each transition of every order of the caller's tenant",
            description = "A user may hold a few feeds open at once (429 beyond).")
    SseEmitter tenantFeed() {
        Caller caller = OrderController.caller();
        return feeds.subscribeToTenant(caller.subject(), String.valueOf(caller.tenant()));
    }
}
