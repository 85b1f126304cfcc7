package fr.picloud.contracts.order;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A completed order's end date is near: sent once per threshold (14, 7 and 1 days before, by default)
 * through the outbox, so the portal and the mail can tell its owner, who may extend it once.
 *
 * @param daysLeft whole days until {@code endsAt}, rounded up (0 when it is less than a day away)
 */
@MessageType(type = "picloud.order.end-reminder", version = 1, topic = Topics.ORDERS)
public record OrderEndReminder(UUID orderId, String tenant, String requester, Instant endsAt, int daysLeft)
        implements OrderEvent {

    public OrderEndReminder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(endsAt, "endsAt");
    }
}
