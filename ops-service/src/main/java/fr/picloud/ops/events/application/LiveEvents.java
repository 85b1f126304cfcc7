package fr.picloud.ops.events.application;

import fr.picloud.ops.events.domain.EventFilter;
import fr.picloud.ops.events.domain.PlatformEvent;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Hands newly stored events to the live streams that want them. A subscriber's sink must not
 * block (the streams queue what they are given): ingestion never waits for a slow client.
 */
@Component
public class LiveEvents {

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

    public Subscription subscribe(EventFilter filter, Consumer<PlatformEvent> sink) {
        Subscription subscription = new Subscription(filter, sink);
        subscriptions.add(subscription);
        return subscription;
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

        private Subscription(EventFilter filter, Consumer<PlatformEvent> sink) {
            this.filter = filter;
            this.sink = sink;
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }
}
