package fr.picloud.order.ordering.application;

import fr.picloud.order.ordering.domain.Order;
import fr.picloud.order.ordering.domain.TimelineEntry;

/** Told of each committed transition of an order (the live feeds of the portal). */
public interface OrderTransitionListener {

    void transitioned(Order order, TimelineEntry entry);
}
