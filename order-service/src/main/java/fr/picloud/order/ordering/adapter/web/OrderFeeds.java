package fr.picloud.order.ordering.adapter.web;

import fr.picloud.order.ordering.application.OrderTransitionListener;
import fr.picloud.order.ordering.application.SagaProgressListener;
import fr.picloud.order.ordering.domain.Order;
import fr.picloud.order.ordering.domain.OrderStatus;
import fr.picloud.order.ordering.domain.SagaProgress;
import fr.picloud.order.ordering.domain.TimelineEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open live feeds of this instance, per order and per tenant, and the push of each committed
 * transition to them. A first {@code subscribed} event tells a client its feed is open. Feeds are
 * per instance: a client hears the transitions the instance it is connected to commits.
 *
 * <p>The thread that committed a transition only offers it to each feed's bounded queue; each feed
 * has its own (virtual) sender thread, the only one that writes to its client. A client that stops
 * reading blocks its sender alone; once its queue is full it is dropped (its EventSource reconnects
 * and reads the order's state). Open feeds are capped per user and in total (429 above).
 */
@Component
class OrderFeeds implements OrderTransitionListener, SagaProgressListener {

    private static final Logger log = LoggerFactory.getLogger(OrderFeeds.class);

    static final Duration FEED_TIMEOUT = Duration.ofMinutes(30);

    private final int maxPerUser;
    private final int maxTotal;
    private final int queueCapacity;
    private final Duration heartbeat;
    private final Counter dropped;
    private final Map<UUID, Set<Subscriber>> byOrder = new ConcurrentHashMap<>();
    private final Map<String, Set<Subscriber>> byTenant = new ConcurrentHashMap<>();
    /** Open feeds per user; guarded by {@code this}, as is {@link #open}. */
    private final Map<String, Integer> openPerUser = new HashMap<>();

    private int open;

    OrderFeeds(
            @Value("${picloud.orders.feeds.max-per-user:5}") int maxPerUser,
            @Value("${picloud.orders.feeds.max-total:2000}") int maxTotal,
            @Value("${picloud.orders.feeds.queue-capacity:256}") int queueCapacity,
            @Value("${picloud.orders.feeds.heartbeat:PT15S}") Duration heartbeat,
            MeterRegistry meters) {
        this.maxPerUser = maxPerUser;
        this.maxTotal = maxTotal;
        this.queueCapacity = queueCapacity;
        this.heartbeat = heartbeat;
        this.dropped = Counter.builder("picloud.orders.feeds.dropped")
                .description("live feeds dropped because their client fell a whole queue behind")
                .register(meters);
        Gauge.builder("picloud.orders.feeds.open", this, OrderFeeds::openFeeds)
                .description("live order feeds open on this instance")
                .register(meters);
    }

    /** What each event of a feed carries. */
    record Transition(
            UUID orderId, String action, OrderStatus from, OrderStatus to, String actor, Instant at, String reason) {}

    /** What a feed sends: a named server-sent event. */
    private record FeedEvent(String name, String id, Object data) {}

    /** A user has as many feeds open as allowed, or the instance has. */
    static final class TooManyFeedsException extends RuntimeException {

        TooManyFeedsException(String message) {
            super(message);
        }
    }

    SseEmitter subscribeToOrder(String user, UUID orderId) {
        return subscribe(user, byOrder, orderId);
    }

    SseEmitter subscribeToTenant(String user, String tenant) {
        return subscribe(user, byTenant, tenant);
    }

    /** Runs on the committing thread: it queues, never writes to a client. */
    @Override
    public void transitioned(Order order, TimelineEntry entry) {
        Transition transition = new Transition(
                order.id(), entry.action(), entry.from(), entry.to(), entry.actor(), entry.at(), entry.reason());
        FeedEvent event = new FeedEvent(
                "transition", transition.orderId() + ":" + transition.at().toEpochMilli(), transition);
        byOrder.getOrDefault(order.id(), Set.of()).forEach(subscriber -> subscriber.offer(event));
        byTenant.getOrDefault(order.tenant(), Set.of()).forEach(subscriber -> subscriber.offer(event));
    }

    /** A step of one of the order's sagas moved: its feeds hear of the saga's whole progress (an event {@code progress}). */
    @Override
    public void progressed(SagaProgress progress) {
        FeedEvent event = new FeedEvent(
                "progress",
                progress.sagaId() + ":" + progress.updatedAt().toEpochMilli(),
                SagaProgressView.of(progress));
        byOrder.getOrDefault(progress.orderId(), Set.of()).forEach(subscriber -> subscriber.offer(event));
    }

    /**
     * Ends every open feed when the service shuts down (before the web server stops): an open feed is a
     * request in progress, which a graceful shutdown would otherwise wait for until its timeout. The
     * portal's EventSource reconnects, to another instance.
     */
    @EventListener(ContextClosedEvent.class)
    void closeFeeds() {
        for (Map<?, Set<Subscriber>> feeds : List.of(byOrder, byTenant)) {
            feeds.values().forEach(subscribers -> List.copyOf(subscribers).forEach(Subscriber::close));
            feeds.clear();
        }
    }

    synchronized int openFeeds() {
        return open;
    }

    private <K> SseEmitter subscribe(String user, Map<K, Set<Subscriber>> feeds, K key) {
        reserve(user);
        Subscriber subscriber = new Subscriber(user);
        feeds.compute(key, (ignored, subscribers) -> {
            Set<Subscriber> set = subscribers == null ? ConcurrentHashMap.newKeySet() : subscribers;
            set.add(subscriber);
            return set;
        });
        subscriber.start(() -> feeds.computeIfPresent(key, (ignored, subscribers) -> {
            subscribers.remove(subscriber);
            return subscribers.isEmpty() ? null : subscribers;
        }));
        return subscriber.emitter;
    }

    private synchronized void reserve(String user) {
        if (open >= maxTotal) {
            throw new TooManyFeedsException("This instance has " + open + " live feeds open, its limit; retry later.");
        }
        int ofUser = openPerUser.getOrDefault(user, 0);
        if (ofUser >= maxPerUser) {
            throw new TooManyFeedsException(
                    "You have " + ofUser + " live feeds open, the limit per user; close one first.");
        }
        openPerUser.put(user, ofUser + 1);
        open++;
    }

    private synchronized void release(String user) {
        openPerUser.computeIfPresent(user, (ignored, count) -> count > 1 ? count - 1 : null);
        open--;
    }

    /** One client's feed: its queue of transitions not yet written, and the thread that writes them. */
    private final class Subscriber {

        private final String user;
        private final FeedEmitter emitter = new FeedEmitter();
        private final BlockingQueue<FeedEvent> pending = new ArrayBlockingQueue<>(queueCapacity);
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile Runnable unlisten = () -> {};
        private volatile Thread sender;

        Subscriber(String user) {
            this.user = user;
        }

        void start(Runnable unlisten) {
            this.unlisten = unlisten;
            emitter.onCompletion(this::end);
            emitter.onTimeout(this::end);
            emitter.onError(error -> end());
            sender = Thread.ofVirtual().name("order-feed-" + user).start(this::send);
        }

        /** Never blocks: a client a whole queue behind is dropped. */
        void offer(FeedEvent event) {
            if (!ended.get() && !pending.offer(event)) {
                dropped.increment();
                log.info("dropping the live feed of {}: {} events not yet read", user, pending.size());
                end();
            }
        }

        /** Ends the feed now if no write is in progress, else as soon as the write returns. */
        void close() {
            end();
            emitter.completeUnlessWriting();
        }

        private void send() {
            try {
                emitter.send(SseEmitter.event().name("subscribed").data("{}", MediaType.APPLICATION_JSON));
                while (!ended.get()) {
                    FeedEvent event = pending.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                    if (event == null) {
                        // finds a client that went away (its slot is freed) and keeps proxies from closing an idle feed
                        emitter.send(SseEmitter.event().comment("heartbeat"));
                        continue;
                    }
                    emitter.send(SseEmitter.event()
                            .name(event.name())
                            .id(event.id())
                            .data(event.data(), MediaType.APPLICATION_JSON));
                }
            } catch (InterruptedException e) {
                // ended: dropped, closed, or its client went away
            } catch (IOException | IllegalStateException e) {
                log.debug("live feed of {} ended: {}", user, e.getMessage());
            } finally {
                end();
                emitter.completeUnlessWriting();
            }
        }

        private void end() {
            if (ended.compareAndSet(false, true)) {
                unlisten.run();
                release(user);
                Thread thread = sender;
                if (thread != null && thread != Thread.currentThread()) {
                    thread.interrupt();
                }
            }
        }
    }

    /**
     * An emitter that can be completed from any thread without waiting: completing takes the lock a
     * write holds, and a write to a client that does not read holds it until the socket times out.
     */
    private static final class FeedEmitter extends SseEmitter {

        FeedEmitter() {
            super(FEED_TIMEOUT.toMillis());
        }

        void completeUnlessWriting() {
            if (writeLock.tryLock()) {
                try {
                    complete();
                } finally {
                    writeLock.unlock();
                }
            }
        }
    }
}
