package fr.picloud.order.ordering.application;

import fr.picloud.order.ordering.domain.Order;
import fr.picloud.order.ordering.domain.OrderStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where orders and their timelines are kept. */
public interface OrderRepository {

    /** Stores a new order; throws Spring's {@code DuplicateKeyException} when its idempotency key is taken. */
    void insert(Order order, String idempotencyKey, String requestHash);

    /** Stores the order's new status, approvals, resources and timeline entries. */
    void update(Order order);

    /** The order, locked until the end of the transaction so its transitions never interleave. */
    Optional<Order> lock(UUID orderId);

    Optional<Order> find(UUID orderId);

    /** The order a requester placed under an idempotency key, with the hash of the request that placed it. */
    Optional<Keyed> findByKey(String tenant, String requester, String idempotencyKey);

    record Keyed(Order order, String requestHash) {}

    Page list(String tenant, OrderStatus status, int page, int size);

    record Page(List<Order> orders, long total) {}

    /** Ids of pending orders whose escalation or expiry deadline is at or before {@code now}. */
    List<UUID> pendingPastDeadline(Instant now);

    /**
     * Ids of completed orders with an end date for which something is due at {@code now}: the end
     * itself, or a reminder {@code reminderDays} before it that was not sent yet; earliest end first.
     */
    List<UUID> endDatesDue(Instant now, List<Integer> reminderDays);
}
