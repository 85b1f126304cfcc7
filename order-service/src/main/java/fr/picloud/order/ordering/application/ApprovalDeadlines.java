package fr.picloud.order.ordering.application;

import fr.picloud.contracts.Message;
import fr.picloud.order.ordering.domain.Order;
import fr.picloud.order.ordering.domain.TimelineEntry;
import fr.picloud.order.tenant.application.QuotaLedger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pending approvals past their deadlines: escalated once (an event and a timeline entry), then
 * expired, which releases the order's reservation. The schedule only triggers {@link #process()};
 * the clock decides what is due, so tests move a clock instead of waiting.
 */
@Service
public class ApprovalDeadlines {

    private final OrderRepository orders;
    private final QuotaLedger quotas;
    private final OrderMessages messages;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public ApprovalDeadlines(
            OrderRepository orders,
            QuotaLedger quotas,
            OrderMessages messages,
            TransactionTemplate transaction,
            Clock clock) {
        this.orders = orders;
        this.quotas = quotas;
        this.messages = messages;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** How many orders one run escalated and expired. */
    public record Outcome(int escalated, int expired) {}

    @Scheduled(fixedDelayString = "${picloud.orders.approval-deadlines-interval:PT1M}")
    void scheduled() {
        process();
    }

    /** Escalates and expires every pending order whose deadline is due by the clock; one transaction per order. */
    public Outcome process() {
        Instant now = clock.instant();
        int escalated = 0;
        int expired = 0;
        for (UUID orderId : orders.pendingPastDeadline(now)) {
            Outcome one = transaction.execute(status -> processOne(orderId, now));
            escalated += one.escalated();
            expired += one.expired();
        }
        return new Outcome(escalated, expired);
    }

    private Outcome processOne(UUID orderId, Instant now) {
        Order order = orders.lock(orderId).orElseThrow();
        int known = order.timeline().size();
        List<Message> caused = new ArrayList<>(order.escalate(now));
        List<Message> expiry = order.expire(now);
        caused.addAll(expiry);
        if (!expiry.isEmpty()) {
            quotas.release(order.id());
        }
        if (order.timeline().size() > known) {
            orders.update(order);
            List<TimelineEntry> timeline = order.timeline();
            messages.send(order, caused, timeline.subList(known, timeline.size()));
        }
        return new Outcome(caused.size() - expiry.size(), expiry.size());
    }
}
