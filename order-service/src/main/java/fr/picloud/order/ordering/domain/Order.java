package fr.picloud.order.ordering.domain;

import fr.picloud.contracts.Message;
import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.contracts.order.DecommissionRequested;
import fr.picloud.contracts.order.OrderApprovalEscalated;
import fr.picloud.contracts.order.OrderApproved;
import fr.picloud.contracts.order.OrderCancelled;
import fr.picloud.contracts.order.OrderEndDateChanged;
import fr.picloud.contracts.order.OrderEndReached;
import fr.picloud.contracts.order.OrderEndReminder;
import fr.picloud.contracts.order.OrderExpired;
import fr.picloud.contracts.order.OrderPlaced;
import fr.picloud.contracts.order.OrderQuote;
import fr.picloud.contracts.order.OrderRejected;
import fr.picloud.contracts.order.ProvisioningRequested;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.platform.domain.IllegalTransitionException;
import fr.picloud.platform.domain.RuleViolationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * An order of an offering by an agent of a tenant. Each transition checks that it is allowed from
 * the current status, records who made it, when and why in the timeline, and returns the messages
 * it causes (events, and commands to provisioning). Quota effects are the caller's: see
 * {@link #holdsQuota()}.
 */
public final class Order {

    private final UUID id;
    private final String tenant;
    private final String requester;
    private final String placedBy;
    private final OrderRequest request;
    private final String offeringCode;
    private final String category;
    private final ResourceTemplate boundTemplate;
    private final OrderQuote quote;
    private final int requiredApprovals;
    private final Instant placedAt;
    private final Instant escalateAt;
    private final Instant expireAt;
    private final List<String> approvers;
    private final List<TimelineEntry> timeline;
    private OrderStatus status;
    private Instant escalatedAt;
    private List<ProvisionedResource> resources;
    private EndDate end;

    /**
     * The parts of an order fixed when it is placed.
     *
     * @param placedBy the service that placed it on the requester's behalf (migration-service for a
     *     wave's order, whose requester is the migration lead who launched the wave); null when the
     *     requester placed it in the portal
     */
    public record Placement(
            UUID id,
            String tenant,
            String requester,
            OrderRequest request,
            String offeringCode,
            String category,
            ResourceTemplate boundTemplate,
            OrderQuote quote,
            int requiredApprovals,
            Instant placedAt,
            Instant escalateAt,
            Instant expireAt,
            String placedBy) {

        /** An order its requester placed in person. */
        public Placement(
                UUID id,
                String tenant,
                String requester,
                OrderRequest request,
                String offeringCode,
                String category,
                ResourceTemplate boundTemplate,
                OrderQuote quote,
                int requiredApprovals,
                Instant placedAt,
                Instant escalateAt,
                Instant expireAt) {
            this(
                    id,
                    tenant,
                    requester,
                    request,
                    offeringCode,
                    category,
                    boundTemplate,
                    quote,
                    requiredApprovals,
                    placedAt,
                    escalateAt,
                    expireAt,
                    null);
        }

        public Placement {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(requester, "requester");
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(boundTemplate, "boundTemplate");
            Objects.requireNonNull(quote, "quote");
            Objects.requireNonNull(placedAt, "placedAt");
        }
    }

    private Order(
            Placement placement,
            OrderStatus status,
            List<String> approvers,
            List<TimelineEntry> timeline,
            Instant escalatedAt,
            List<ProvisionedResource> resources,
            EndDate end) {
        this.id = placement.id();
        this.tenant = placement.tenant();
        this.requester = placement.requester();
        this.placedBy = placement.placedBy();
        this.request = placement.request();
        this.offeringCode = placement.offeringCode();
        this.category = placement.category();
        this.boundTemplate = placement.boundTemplate();
        this.quote = placement.quote();
        this.requiredApprovals = placement.requiredApprovals();
        this.placedAt = placement.placedAt();
        this.escalateAt = placement.escalateAt();
        this.expireAt = placement.expireAt();
        this.status = Objects.requireNonNull(status);
        this.approvers = new ArrayList<>(approvers);
        this.timeline = new ArrayList<>(timeline);
        this.escalatedAt = escalatedAt;
        this.resources = resources;
        this.end = end;
    }

    /**
     * A new order, pending approval, or approved and sent to provisioning at once when its tenant's
     * policy requires no approval.
     */
    public static Placed place(Placement placement) {
        Instant endsAt = placement.request().endsAt();
        Order order = new Order(
                placement,
                OrderStatus.PENDING_APPROVAL,
                List.of(),
                List.of(),
                null,
                null,
                endsAt == null ? null : EndDate.at(endsAt));
        List<Message> messages = new ArrayList<>();
        order.record(
                placement.placedAt(),
                placement.requester(),
                "PLACED",
                null,
                placement.request().justification());
        boolean automatic = placement.requiredApprovals() == 0;
        messages.add(new OrderPlaced(
                order.id,
                order.tenant,
                order.requester,
                order.request.offeringId(),
                order.offeringCode,
                order.request.costCenter(),
                order.request.parameters(),
                order.quote,
                automatic ? OrderStatus.APPROVED.name() : OrderStatus.PENDING_APPROVAL.name(),
                order.placedBy,
                endsAt));
        if (automatic) {
            messages.addAll(order.approveAndProvision(
                    placement.placedAt(),
                    TimelineEntry.SYSTEM,
                    "the tenant's policy approves it without review",
                    true));
        }
        return new Placed(order, messages);
    }

    /** A placed order and what its placement caused. */
    public record Placed(Order order, List<Message> messages) {}

    public static Order restore(
            Placement placement,
            OrderStatus status,
            List<String> approvers,
            List<TimelineEntry> timeline,
            Instant escalatedAt,
            List<ProvisionedResource> resources,
            EndDate end) {
        return new Order(placement, status, approvers, timeline, escalatedAt, resources, end);
    }

    /**
     * An approver's approval. The requester never approves their own order, and one approver counts
     * once; the order goes to provisioning when it has the approvals its policy requires.
     */
    public List<Message> approve(String approver, Instant now) {
        requireStatus("approved", OrderStatus.PENDING_APPROVAL);
        if (approver.equals(requester)) {
            throw new RuleViolationException(
                    "separation of duties: " + approver + " placed this order and cannot approve it", "approver");
        }
        if (approvers.contains(approver)) {
            throw new RuleViolationException(
                    approver + " already approved this order; it needs another approver", "approver");
        }
        approvers.add(approver);
        if (approvers.size() < requiredApprovals) {
            record(
                    now,
                    approver,
                    "APPROVAL_RECORDED",
                    status,
                    (requiredApprovals - approvers.size()) + " more approval(s) by a different approver needed");
            return List.of();
        }
        return approveAndProvision(now, approver, null, false);
    }

    public List<Message> reject(String approver, String reason, Instant now) {
        requireStatus("rejected", OrderStatus.PENDING_APPROVAL);
        if (approver.equals(requester)) {
            throw new RuleViolationException(
                    "separation of duties: " + approver + " placed this order and cannot decide on it", "approver");
        }
        move(now, approver, "REJECTED", OrderStatus.REJECTED, reason);
        return List.of(new OrderRejected(id, tenant, approver, reason));
    }

    /** Withdraws an order that provisioning has not started on. */
    public List<Message> cancel(String by, String reason, Instant now) {
        requireStatus("cancelled", OrderStatus.PENDING_APPROVAL, OrderStatus.APPROVED);
        move(now, by, "CANCELLED", OrderStatus.CANCELLED, reason);
        return List.of(new OrderCancelled(id, tenant, by, reason));
    }

    /** Flags a pending order past its escalation deadline, once. */
    public List<Message> escalate(Instant now) {
        if (status != OrderStatus.PENDING_APPROVAL || escalatedAt != null || now.isBefore(escalateAt)) {
            return List.of();
        }
        escalatedAt = now;
        record(now, TimelineEntry.SYSTEM, "ESCALATED", status, "no decision since " + placedAt);
        return List.of(new OrderApprovalEscalated(id, tenant, placedAt, expireAt));
    }

    /** Closes a pending order past its expiry deadline; its reservation is to be released. */
    public List<Message> expire(Instant now) {
        if (status != OrderStatus.PENDING_APPROVAL || now.isBefore(expireAt)) {
            return List.of();
        }
        move(now, TimelineEntry.SYSTEM, "EXPIRED", OrderStatus.CANCELLED, "no decision before " + expireAt);
        return List.of(new OrderExpired(id, tenant, expireAt));
    }

    /** Provisioning built everything; false when that was already known (a repeated outcome). */
    public boolean complete(List<ProvisionedResource> inventory, Instant now) {
        if (status == OrderStatus.COMPLETED) {
            return false;
        }
        requireStatus("completed", OrderStatus.PROVISIONING);
        resources = List.copyOf(inventory);
        move(now, TimelineEntry.SYSTEM, "COMPLETED", OrderStatus.COMPLETED, inventory.size() + " resources ready");
        return true;
    }

    /** Provisioning failed; what it built may still exist until compensation ends. */
    public boolean fail(String reason, Instant now) {
        if (status == OrderStatus.FAILED) {
            return false;
        }
        requireStatus("failed", OrderStatus.PROVISIONING);
        move(now, TimelineEntry.SYSTEM, "FAILED", OrderStatus.FAILED, reason);
        return true;
    }

    /**
     * Compensation deleted what provisioning built: nothing of the order remains, its reservation is
     * to be released. Also accepted before the failure itself was seen (events of a failed saga may
     * be relayed out of order).
     */
    public boolean compensated(String reason, Instant now) {
        requireStatus("compensated", OrderStatus.PROVISIONING, OrderStatus.FAILED);
        if (timeline.stream().anyMatch(entry -> entry.action().equals("COMPENSATED"))) {
            return false;
        }
        move(now, TimelineEntry.SYSTEM, "COMPENSATED", OrderStatus.FAILED, reason);
        return true;
    }

    /**
     * Compensation could not delete everything: the order stays FAILED and keeps its reservation
     * (the resources left still use the tenant's room) until an operator finishes the compensation.
     */
    public boolean compensationFailed(String reason, Instant now) {
        requireStatus("left with resources after a failed compensation", OrderStatus.PROVISIONING, OrderStatus.FAILED);
        if (timeline.stream().anyMatch(entry -> entry.action().equals("COMPENSATION_FAILED"))) {
            return false;
        }
        move(now, TimelineEntry.SYSTEM, "COMPENSATION_FAILED", OrderStatus.FAILED, reason);
        return true;
    }

    public List<Message> decommission(String by, Instant now) {
        requireStatus("decommissioned", OrderStatus.COMPLETED);
        move(now, by, "DECOMMISSION_REQUESTED", OrderStatus.DECOMMISSIONING, null);
        return List.of(new DecommissionRequested(id, tenant, resources == null ? List.of() : resources));
    }

    /**
     * A new end date, asked for by the order's owner (a SET_EXPIRY operation): within the policy at
     * {@code now}; a later date than the current one is the order's one extension, an earlier one is
     * always allowed. Reminders start again for the new date.
     */
    public List<Message> setEnd(Instant endsAt, String by, EndDate.Policy policy, Instant now) {
        requireStatus("given a new end date", OrderStatus.COMPLETED);
        EndDate.check(endsAt, policy, now);
        Instant previous = end == null ? null : end.at();
        if (endsAt.equals(previous)) {
            throw new RuleViolationException("order " + id + " already ends at " + endsAt, "endsAt");
        }
        boolean extension = previous != null && endsAt.isAfter(previous);
        if (extension && end.extended()) {
            throw new IllegalTransitionException("order " + id + " was extended once already: its end date " + previous
                    + " can only be brought forward now");
        }
        boolean extended = extension || (end != null && end.extended());
        end = new EndDate(endsAt, extended, null);
        record(
                now,
                by,
                "END_DATE_SET",
                status,
                previous == null
                        ? "ends at " + endsAt
                        : (extension ? "extended from " : "brought forward from ") + previous + " to " + endsAt);
        return List.of(new OrderEndDateChanged(id, tenant, by, endsAt, previous));
    }

    /**
     * The reminder due at {@code now}, if any: the smallest threshold (days before the end) already
     * passed and not yet sent. Thresholds passed together (an end date set 5 days ahead passes 14 and
     * 7) give one reminder, so nobody receives three at once.
     */
    public List<Message> remind(Instant now, List<Integer> thresholdDays) {
        if (status != OrderStatus.COMPLETED || end == null || !now.isBefore(end.at())) {
            return List.of();
        }
        Integer due = null;
        for (int days : thresholdDays) {
            boolean passed = !now.isBefore(end.at().minus(Duration.ofDays(days)));
            boolean sent = end.remindedDays() != null && end.remindedDays() <= days;
            if (passed && !sent && (due == null || days < due)) {
                due = days;
            }
        }
        if (due == null) {
            return List.of();
        }
        end = new EndDate(end.at(), end.extended(), due);
        int daysLeft = end.daysLeft(now);
        record(
                now,
                TimelineEntry.SYSTEM,
                "END_REMINDER",
                status,
                "ends at " + end.at() + (daysLeft <= 1 ? ", within a day" : ", in " + daysLeft + " days"));
        return List.of(new OrderEndReminder(id, tenant, requester, end.at(), daysLeft));
    }

    /** Whether the order reached its end date at {@code now} and is still there to decommission. */
    public boolean endReached(Instant now) {
        return status == OrderStatus.COMPLETED && end != null && !now.isBefore(end.at());
    }

    /** The platform decommissions an order that reached its end date: audited as the system's act. */
    public List<Message> decommissionAtEnd(Instant now) {
        if (!endReached(now)) {
            throw new IllegalTransitionException("order " + id + " has not reached an end date");
        }
        record(now, TimelineEntry.SYSTEM, "END_REACHED", status, "its end date " + end.at() + " has come");
        List<Message> caused = new ArrayList<>();
        caused.add(new OrderEndReached(id, tenant, end.at()));
        caused.addAll(decommission(TimelineEntry.SYSTEM, now));
        return caused;
    }

    public boolean decommissioned(Instant now) {
        if (status == OrderStatus.DECOMMISSIONED) {
            return false;
        }
        requireStatus("marked decommissioned", OrderStatus.DECOMMISSIONING);
        move(now, TimelineEntry.SYSTEM, "DECOMMISSIONED", OrderStatus.DECOMMISSIONED, null);
        return true;
    }

    /**
     * Records a day-2 operation asked for on this order's resources: only a completed order has
     * resources to act on, and the order stays COMPLETED while it runs.
     */
    public void operationRequested(OrderOperation operation, Instant now) {
        requireStatus("given a day-2 operation", OrderStatus.COMPLETED);
        record(
                now,
                operation.request().requestedBy(),
                "OPERATION_REQUESTED",
                status,
                operation.describe()
                        + (operation.status() == OrderOperation.Status.PENDING_APPROVAL ? ", awaiting approval" : ""));
    }

    /** An approver's decision on an operation of this order. */
    public void operationDecided(OrderOperation operation, Instant now) {
        boolean approved = operation.status() == OrderOperation.Status.RUNNING;
        record(
                now,
                operation.decidedBy(),
                approved ? "OPERATION_APPROVED" : "OPERATION_REJECTED",
                status,
                approved ? operation.describe() : operation.describe() + ": " + operation.reason());
    }

    /**
     * An operation took effect: the order's inventory shows the resource as it now is (a resized
     * server, an extended volume, a new snapshot), or no longer lists the one it removed.
     *
     * @param now the resource as it now is, or null; a resource already listed keeps its start of use
     * @param removed the resource the operation deleted, or null
     */
    public void operationCompleted(OrderOperation operation, ProvisionedResource now, ProvisionedResource removed) {
        List<ProvisionedResource> inventory = new ArrayList<>(resources == null ? List.of() : resources);
        if (removed != null) {
            inventory.removeIf(resource -> resource.openstackId().equals(removed.openstackId())
                    && resource.kind().equals(removed.kind()));
        }
        if (now != null) {
            boolean replaced = false;
            for (int i = 0; i < inventory.size(); i++) {
                ProvisionedResource listed = inventory.get(i);
                if (listed.openstackId().equals(now.openstackId())
                        && listed.kind().equals(now.kind())) {
                    inventory.set(i, merged(listed, now));
                    replaced = true;
                }
            }
            if (!replaced) {
                inventory.add(now);
            }
        }
        resources = List.copyOf(inventory);
        record(operation.finishedAt(), TimelineEntry.SYSTEM, "OPERATION_COMPLETED", status, operation.describe());
    }

    public void operationFailed(OrderOperation operation) {
        record(
                operation.finishedAt(),
                TimelineEntry.SYSTEM,
                "OPERATION_FAILED",
                status,
                operation.describe() + ": " + operation.reason());
    }

    private static ProvisionedResource merged(ProvisionedResource listed, ProvisionedResource now) {
        return new ProvisionedResource(
                listed.name(),
                listed.kind(),
                listed.openstackId(),
                now.flavor() != null ? now.flavor() : listed.flavor(),
                now.vcpus() != null ? now.vcpus() : listed.vcpus(),
                now.ramGb() != null ? now.ramGb() : listed.ramGb(),
                now.sizeGb() != null ? now.sizeGb() : listed.sizeGb(),
                now.address() != null ? now.address() : listed.address(),
                listed.createdAt() != null ? listed.createdAt() : now.createdAt());
    }

    /** Whether the order's resources still count against its tenant's quota. */
    public boolean holdsQuota() {
        return !Set.of(OrderStatus.REJECTED, OrderStatus.CANCELLED, OrderStatus.DECOMMISSIONED)
                        .contains(status)
                && timeline.stream().noneMatch(entry -> entry.action().equals("COMPENSATED"));
    }

    private List<Message> approveAndProvision(Instant now, String actor, String reason, boolean automatic) {
        move(now, actor, "APPROVED", OrderStatus.APPROVED, reason);
        move(now, TimelineEntry.SYSTEM, "PROVISIONING_REQUESTED", OrderStatus.PROVISIONING, null);
        return List.of(
                new OrderApproved(id, tenant, List.copyOf(approvers), automatic),
                new ProvisioningRequested(
                        id, tenant, request.offeringId(), offeringCode, request.parameters(), boundTemplate));
    }

    private void move(Instant now, String actor, String action, OrderStatus to, String reason) {
        OrderStatus from = status;
        status = to;
        timeline.add(new TimelineEntry(now, actor, action, from, to, reason));
    }

    private void record(Instant now, String actor, String action, OrderStatus from, String reason) {
        timeline.add(new TimelineEntry(now, actor, action, from, status, reason));
    }

    private void requireStatus(String what, OrderStatus... allowed) {
        if (!List.of(allowed).contains(status)) {
            throw new IllegalTransitionException("order " + id + " is " + status + " and cannot be " + what
                    + " (only from " + List.of(allowed) + ")");
        }
    }

    public UUID id() {
        return id;
    }

    public String tenant() {
        return tenant;
    }

    public String requester() {
        return requester;
    }

    /** The service that placed the order on its requester's behalf, or null if they placed it. */
    public String placedBy() {
        return placedBy;
    }

    public OrderRequest request() {
        return request;
    }

    public String offeringCode() {
        return offeringCode;
    }

    public String category() {
        return category;
    }

    public ResourceTemplate boundTemplate() {
        return boundTemplate;
    }

    public OrderQuote quote() {
        return quote;
    }

    public int requiredApprovals() {
        return requiredApprovals;
    }

    public Instant placedAt() {
        return placedAt;
    }

    public Instant escalateAt() {
        return escalateAt;
    }

    public Instant expireAt() {
        return expireAt;
    }

    public Instant escalatedAt() {
        return escalatedAt;
    }

    public OrderStatus status() {
        return status;
    }

    public List<String> approvers() {
        return List.copyOf(approvers);
    }

    public List<TimelineEntry> timeline() {
        return List.copyOf(timeline);
    }

    public List<ProvisionedResource> resources() {
        return resources;
    }

    /** When the order ends, or null when it has no end date. */
    public EndDate end() {
        return end;
    }

    public Placement placement() {
        return new Placement(
                id,
                tenant,
                requester,
                request,
                offeringCode,
                category,
                boundTemplate,
                quote,
                requiredApprovals,
                placedAt,
                escalateAt,
                expireAt,
                placedBy);
    }
}
