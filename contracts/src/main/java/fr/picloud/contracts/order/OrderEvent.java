package fr.picloud.contracts.order;

import fr.picloud.contracts.Event;
import java.util.UUID;

/** Every fact of an order's life the other services may care about, keyed by the order id. */
public sealed interface OrderEvent extends Event
        permits OrderPlaced,
                OrderApproved,
                OrderRejected,
                OrderCancelled,
                OrderExpired,
                OrderApprovalEscalated,
                OrderEndReminder,
                OrderEndDateChanged,
                OrderEndReached {

    UUID orderId();

    /** The organisation that placed the order. */
    String tenant();

    @Override
    default String aggregateId() {
        return orderId().toString();
    }
}
