package fr.picloud.order.ordering.adapter.web;

import fr.picloud.order.ordering.application.OrderTransitionListener;
import fr.picloud.order.ordering.domain.Order;
import fr.picloud.order.ordering.domain.OrderStatus;
import fr.picloud.order.ordering.domain.TimelineEntry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open live feeds of this instance, per order and per tenant, and the push of each committed
 * transition to them. A first {@code subscribed} event tells a client its feed is open. Feeds are
 * per instance: a client hears the transitions the instance it is connected to commits.
 */
@Component
class OrderFeeds implements OrderTransitionListener {

    static final Duration FEED_TIMEOUT = Duration.ofMinutes(30);

    private final Map<UUID, Set<SseEmitter>> byOrder = new ConcurrentHashMap<>();
    private final Map<String, Set<SseEmitter>> byTenant = new ConcurrentHashMap<>();

    /** What each event of a feed carries. */
    record Transition(
            UUID orderId, String action, OrderStatus from, OrderStatus to, String actor, Instant at, String reason) {}

    SseEmitter subscribeToOrder(UUID orderId) {
        return subscribe(byOrder.computeIfAbsent(orderId, key -> ConcurrentHashMap.newKeySet()));
    }

    SseEmitter subscribeToTenant(String tenant) {
        return subscribe(byTenant.computeIfAbsent(tenant, key -> ConcurrentHashMap.newKeySet()));
    }

    @Override
    public void transitioned(Order order, TimelineEntry entry) {
        Transition transition = new Transition(
                order.id(), entry.action(), entry.from(), entry.to(), entry.actor(), entry.at(), entry.reason());
        push(byOrder.getOrDefault(order.id(), Set.of()), transition);
        push(byTenant.getOrDefault(order.tenant(), Set.of()), transition);
    }

    /**
     * Ends every open feed when the service shuts down (before the web server stops): an open feed is a
     * request in progress, which a graceful shutdown would otherwise wait for until its timeout. The
     * portal's EventSource reconnects, to another instance.
     */
    @EventListener(ContextClosedEvent.class)
    void closeFeeds() {
        for (Map<?, Set<SseEmitter>> feeds : List.of(byOrder, byTenant)) {
            feeds.values().forEach(subscribers -> subscribers.forEach(SseEmitter::complete));
            feeds.clear();
        }
    }

    private static SseEmitter subscribe(Set<SseEmitter> subscribers) {
        SseEmitter emitter = new SseEmitter(FEED_TIMEOUT.toMillis());
        subscribers.add(emitter);
        emitter.onCompletion(() -> subscribers.remove(emitter));
        emitter.onTimeout(() -> subscribers.remove(emitter));
        emitter.onError(error -> subscribers.remove(emitter));
        try {
            emitter.send(SseEmitter.event().name("subscribed").data("{}", MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            subscribers.remove(emitter);
        }
        return emitter;
    }

    private static void push(Set<SseEmitter> subscribers, Transition transition) {
        for (SseEmitter emitter : subscribers) {
            try {
                emitter.send(SseEmitter.event()
                        .name("transition")
                        .id(transition.orderId() + ":" + transition.at().toEpochMilli())
                        .data(transition, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                subscribers.remove(emitter);
            }
        }
    }
}
