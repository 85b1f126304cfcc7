package fr.picloud.ops.events.application;

import fr.picloud.ops.events.domain.EventFilter;
import fr.picloud.ops.events.domain.PlatformEvent;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hands newly stored events to the live streams that want them. A subscriber's sink must not
 * block (the streams queue what they are given): ingestion never waits for a slow client.
 * When the service stops, every subscriber is told to end before the web server waits for open
 * requests, so a stream never holds a shutdown for the server's grace period.
 */
@Component
public class LiveEvents implements SmartLifecycle {

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    /** Subscribes; {@code ended} runs once when the service stops with the subscription still open. */
    public Subscription subscribe(EventFilter filter, Consumer<PlatformEvent> sink, Runnable ended) {
        Subscription subscription = new Subscription(filter, sink, ended);
        subscriptions.add(subscription);
        return subscription;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        for (Subscription subscription : List.copyOf(subscriptions)) {
            subscription.close();
            subscription.ended.run();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's graceful shutdown (which waits for open requests). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }

    void publish(List<PlatformEvent> events) {
        for (Subscription subscription : subscriptions) {
            events.stream().filter(subscription.filter::matches).forEach(subscription.sink);
        }
    }

    public int subscribers() {
        return subscriptions.size();
    }

    public final class Subscription implements AutoCloseable {

        private final EventFilter filter;
        private final Consumer<PlatformEvent> sink;
        private final Runnable ended;

        private Subscription(EventFilter filter, Consumer<PlatformEvent> sink, Runnable ended) {
            this.filter = filter;
            this.sink = sink;
            this.ended = ended;
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }
}
