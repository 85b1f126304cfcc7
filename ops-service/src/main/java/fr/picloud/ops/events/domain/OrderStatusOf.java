package fr.picloud.ops.events.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An order's status as order-service names it, told by the last event of its life the streams
 * carried (order events, provisioning commands and outcomes). It lags order-service by the time
 * the events take to arrive, and is what the dashboard counts orders by.
 */
public final class OrderStatusOf {

    private static final Map<String, String> BY_LAST_EVENT = Map.ofEntries(
            Map.entry("picloud.order.placed", "PENDING_APPROVAL"),
            Map.entry("picloud.order.approval-escalated", "PENDING_APPROVAL"),
            Map.entry("picloud.order.approved", "APPROVED"),
            Map.entry("picloud.order.provisioning-requested", "PROVISIONING"),
            Map.entry("picloud.order.rejected", "REJECTED"),
            Map.entry("picloud.order.cancelled", "CANCELLED"),
            Map.entry("picloud.order.expired", "CANCELLED"),
            Map.entry("picloud.provisioning.completed", "COMPLETED"),
            Map.entry("picloud.provisioning.failed", "FAILED"),
            Map.entry("picloud.provisioning.compensated", "FAILED"),
            Map.entry("picloud.provisioning.compensation-failed", "FAILED"),
            Map.entry("picloud.order.decommission-requested", "DECOMMISSIONING"),
            Map.entry("picloud.provisioning.decommission-completed", "DECOMMISSIONED"));

    public static final List<String> STATUSES = List.of(
            "PENDING_APPROVAL",
            "APPROVED",
            "PROVISIONING",
            "COMPLETED",
            "FAILED",
            "REJECTED",
            "CANCELLED",
            "DECOMMISSIONING",
            "DECOMMISSIONED");

    private OrderStatusOf() {}

    /** The event types that move an order. */
    public static List<String> lifecycleTypes() {
        return BY_LAST_EVENT.keySet().stream().sorted().toList();
    }

    public static Optional<String> afterEvent(String type) {
        return Optional.ofNullable(BY_LAST_EVENT.get(type));
    }
}
