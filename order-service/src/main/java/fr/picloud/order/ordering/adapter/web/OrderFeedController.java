package fr.picloud.order.ordering.adapter.web;

import fr.picloud.order.ordering.application.Caller;
import fr.picloud.order.ordering.application.OrderService;
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
    SseEmitter orderFeed(@PathVariable UUID id) {
        Caller caller = OrderController.caller();
        return feeds.subscribeToOrder(caller.subject(), orders.get(caller, id).id());
    }

    @GetMapping(path = "/api/v1/orders/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter tenantFeed() {
        Caller caller = OrderController.caller();
        return feeds.subscribeToTenant(caller.subject(), String.valueOf(caller.tenant()));
    }
}
