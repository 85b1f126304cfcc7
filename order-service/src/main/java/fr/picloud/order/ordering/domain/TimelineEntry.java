package fr.picloud.order.ordering.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of an order's audit trail: a transition or a decision, with who made it, when and why.
 *
 * @param action what happened: PLACED, APPROVAL_RECORDED, APPROVED, PROVISIONING_REQUESTED, REJECTED,
 *     CANCELLED, ESCALATED, EXPIRED, COMPLETED, FAILED, COMPENSATED, DECOMMISSION_REQUESTED,
 *     DECOMMISSIONED; for day-2 operations OPERATION_REQUESTED, OPERATION_APPROVED,
 *     OPERATION_REJECTED, OPERATION_COMPLETED, OPERATION_FAILED (the order keeps its status)
 * @param from the status before, {@code null} when the order was placed
 * @param to the status after (equal to {@code from} for a decision that moved nothing yet)
 */
public record TimelineEntry(Instant at, String actor, String action, OrderStatus from, OrderStatus to, String reason) {

    public static final String SYSTEM = "system";

    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(to, "to");
    }
}
