package fr.picloud.ops.events.application;

import fr.picloud.ops.events.domain.OrderStatusOf;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code picloud.orders{status}}: orders seen on the streams within the retention, by the status their
 * last event tells ({@link OrderStatusOf}). Counted from the stored events every refresh interval.
 */
@Component
class OrderStatusGauge {

    private static final Logger log = LoggerFactory.getLogger(OrderStatusGauge.class);

    private final EventLog events;
    private final Map<String, AtomicLong> byStatus = new HashMap<>();

    OrderStatusGauge(EventLog events, MeterRegistry meters) {
        this.events = events;
        for (String status : OrderStatusOf.STATUSES) {
            AtomicLong count = new AtomicLong();
            byStatus.put(status, count);
            Gauge.builder("picloud.orders", count, AtomicLong::get)
                    .description("orders by status, as told by the last event of each on the streams")
                    .tag("status", status)
                    .register(meters);
        }
    }

    @Scheduled(
            fixedDelayString = "${picloud.ops.alerts.refresh-interval:PT30S}",
            initialDelayString = "${picloud.ops.alerts.refresh-interval:PT30S}")
    void refresh() {
        try {
            Map<String, Long> counts = new HashMap<>();
            events.countByLastType(OrderStatusOf.lifecycleTypes())
                    .forEach((type, count) ->
                            OrderStatusOf.afterEvent(type).ifPresent(status -> counts.merge(status, count, Long::sum)));
            byStatus.forEach((status, count) -> count.set(counts.getOrDefault(status, 0L)));
        } catch (RuntimeException e) {
            log.warn("could not count orders by status: {}", e.getMessage());
        }
    }
}
