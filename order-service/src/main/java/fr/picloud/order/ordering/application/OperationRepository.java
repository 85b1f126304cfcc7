package fr.picloud.order.ordering.application;

import fr.picloud.order.ordering.domain.OrderOperation;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The day-2 operations of orders. Writes run in the caller's transaction. */
public interface OperationRepository {

    /**
     * Stores a new operation under the idempotency key of its request.
     *
     * @throws org.springframework.dao.DataIntegrityViolationException when the key was used on the
     *     order already, or when another operation of the order is still open
     */
    void insert(OrderOperation operation, String idempotencyKey, String requestHash);

    void update(OrderOperation operation);

    Optional<OrderOperation> find(UUID operationId);

    /** An operation asked for with that key on that order, with the fingerprint of its request. */
    Optional<Keyed> findByKey(UUID orderId, String idempotencyKey);

    record Keyed(OrderOperation operation, String requestHash) {}

    /** The order's operations, oldest first. */
    List<OrderOperation> ofOrder(UUID orderId);

    /** The order's operation still pending approval or running, if any. */
    Optional<OrderOperation> openOf(UUID orderId);
}
