package fr.picloud.order.ordering.application;

import fr.picloud.contracts.Message;
import fr.picloud.order.ordering.domain.Order;
import fr.picloud.order.ordering.domain.TimelineEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Completed orders' end dates: a reminder at each threshold before the end (an event through the
 * outbox, so it cannot be lost), then, at the end, the platform decommissions the order by itself:
 * the same decommission saga as an owner's, audited in the timeline as the system's act. One
 * transaction per order with the order locked, so two instances never act twice; an order with an
 * operation still open is left for the next run. The schedule only triggers {@link #process()}; the
 * clock decides what is due, so tests move a clock instead of waiting.
 */
@Service
public class EndDates {

    private static final Logger log = LoggerFactory.getLogger(EndDates.class);

    private final OrderRepository orders;
    private final OperationRepository operations;
    private final OrderMessages messages;
    private final TransactionTemplate transaction;
    private final EndDateProperties properties;
    private final Clock clock;

    public EndDates(
            OrderRepository orders,
            OperationRepository operations,
            OrderMessages messages,
            TransactionTemplate transaction,
            EndDateProperties properties,
            Clock clock) {
        this.orders = orders;
        this.operations = operations;
        this.messages = messages;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    /** How many reminders one run sent and how many orders it decommissioned. */
    public record Outcome(int reminded, int decommissioned) {}

    @Scheduled(fixedDelayString = "${picloud.orders.end-dates.interval:PT1M}")
    void scheduled() {
        process();
    }

    public Outcome process() {
        Instant now = clock.instant();
        int reminded = 0;
        int decommissioned = 0;
        for (UUID orderId : orders.endDatesDue(now, properties.reminderDays())) {
            Outcome one = transaction.execute(status -> processOne(orderId, now));
            reminded += one.reminded();
            decommissioned += one.decommissioned();
        }
        return new Outcome(reminded, decommissioned);
    }

    private Outcome processOne(UUID orderId, Instant now) {
        Order order = orders.lock(orderId).orElseThrow();
        int known = order.timeline().size();
        List<Message> caused = new ArrayList<>();
        boolean ends = false;
        if (order.endReached(now)) {
            var open = operations.openOf(orderId);
            if (open.isPresent()) {
                log.info(
                        "order {} reached its end date; operation {} is still {}: decommissioned once it ends",
                        orderId,
                        open.get().id(),
                        open.get().status());
                return new Outcome(0, 0);
            }
            caused.addAll(order.decommissionAtEnd(now));
            ends = true;
        } else {
            caused.addAll(order.remind(now, properties.reminderDays()));
        }
        if (caused.isEmpty()) {
            return new Outcome(0, 0);
        }
        orders.update(order);
        List<TimelineEntry> timeline = order.timeline();
        messages.send(order, caused, timeline.subList(known, timeline.size()));
        return ends ? new Outcome(0, 1) : new Outcome(1, 0);
    }
}
