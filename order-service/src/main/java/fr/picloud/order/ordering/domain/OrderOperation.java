package fr.picloud.order.ordering.domain;

import fr.picloud.contracts.order.OperationRequested;
import fr.picloud.contracts.order.OperationType;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.platform.domain.IllegalTransitionException;
import fr.picloud.platform.domain.RuleViolationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A day-2 operation on a resource of a completed order: an order of its own kind, approved by the
 * tenant's policy when it costs more (a resize up, an extension), then carried out by a provisioning
 * saga whose outcome closes it. One at a time per order. Its quota growth is the caller's, reserved
 * under the operation's id: see {@link #holdsGrowth()}.
 */
public final class OrderOperation {

    /** Where an operation is in its life. */
    public enum Status {
        PENDING_APPROVAL,
        REJECTED,
        RUNNING,
        COMPLETED,
        FAILED;

        public boolean open() {
            return this == PENDING_APPROVAL || this == RUNNING;
        }
    }

    /**
     * What was asked, fixed when it is requested.
     *
     * @param target the order's resource it acts on, as the order knew it then; null for SET_EXPIRY,
     *     which acts on the order itself
     * @param flavor RESIZE: the new flavor, with {@code vcpus} and {@code ramGb} from the offering
     * @param sizeGb EXTEND_VOLUME: the new size
     * @param endsAt SET_EXPIRY: the new end date
     * @param monthlyDelta what the operation adds to the order's monthly cost (negative when it saves)
     */
    public record Request(
            UUID id,
            UUID orderId,
            String tenant,
            OperationType type,
            ProvisionedResource target,
            String flavor,
            Integer vcpus,
            Integer ramGb,
            Integer sizeGb,
            BigDecimal monthlyDelta,
            String requestedBy,
            Instant requestedAt,
            Instant endsAt) {

        public Request {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(type, "type");
            if (type.onCloud()) {
                Objects.requireNonNull(target, "target");
            } else {
                Objects.requireNonNull(endsAt, "endsAt");
            }
            Objects.requireNonNull(monthlyDelta, "monthlyDelta");
            Objects.requireNonNull(requestedBy, "requestedBy");
            Objects.requireNonNull(requestedAt, "requestedAt");
        }
    }

    private final Request request;
    private Status status;
    private String decidedBy;
    private Instant finishedAt;
    private String reason;

    private OrderOperation(Request request, Status status, String decidedBy, Instant finishedAt, String reason) {
        this.request = request;
        this.status = Objects.requireNonNull(status);
        this.decidedBy = decidedBy;
        this.finishedAt = finishedAt;
        this.reason = reason;
    }

    /** A new operation and the command it sends at once, when it needs no approval. */
    public record Requested(OrderOperation operation, Optional<OperationRequested> command) {}

    public static Requested request(Request request, boolean needsApproval) {
        if (!needsApproval) {
            OrderOperation operation = new OrderOperation(request, Status.RUNNING, TimelineEntry.SYSTEM, null, null);
            return new Requested(operation, Optional.of(operation.command()));
        }
        return new Requested(new OrderOperation(request, Status.PENDING_APPROVAL, null, null, null), Optional.empty());
    }

    public static OrderOperation restore(
            Request request, Status status, String decidedBy, Instant finishedAt, String reason) {
        return new OrderOperation(request, status, decidedBy, finishedAt, reason);
    }

    /**
     * An operation that takes effect as it is asked (SET_EXPIRY: order-service's alone, nothing to
     * approve, nothing sent to the cloud): completed at once.
     */
    public static OrderOperation done(Request request) {
        if (request.type().onCloud()) {
            throw new IllegalArgumentException(request.type() + " is carried out on the cloud");
        }
        return new OrderOperation(request, Status.COMPLETED, TimelineEntry.SYSTEM, request.requestedAt(), null);
    }

    /** An approver lets it run; never the one who asked for it. */
    public OperationRequested approve(String approver) {
        requireStatus("approved", Status.PENDING_APPROVAL);
        if (approver.equals(request.requestedBy())) {
            throw new RuleViolationException(
                    "separation of duties: " + approver + " asked for this operation and cannot approve it",
                    "approver");
        }
        status = Status.RUNNING;
        decidedBy = approver;
        return command();
    }

    public void reject(String approver, String why, Instant now) {
        requireStatus("rejected", Status.PENDING_APPROVAL);
        if (approver.equals(request.requestedBy())) {
            throw new RuleViolationException(
                    "separation of duties: " + approver + " asked for this operation and cannot decide on it",
                    "approver");
        }
        status = Status.REJECTED;
        decidedBy = approver;
        finishedAt = now;
        reason = why;
    }

    /** Provisioning carried it out; false when that was already known (a repeated outcome). */
    public boolean complete(Instant at) {
        if (status == Status.COMPLETED) {
            return false;
        }
        requireStatus("completed", Status.RUNNING);
        status = Status.COMPLETED;
        finishedAt = at;
        return true;
    }

    /** Provisioning could not carry it out; false when that was already known. */
    public boolean fail(String why, Instant at) {
        if (status == Status.FAILED) {
            return false;
        }
        requireStatus("failed", Status.RUNNING);
        status = Status.FAILED;
        finishedAt = at;
        reason = why;
        return true;
    }

    /** Whether a growth reserved under its id still waits for the outcome. */
    public boolean holdsGrowth() {
        return status.open();
    }

    /** How the operation reads in its order's timeline: "RESIZE of web-0 to m1.large". */
    public String describe() {
        if (!request.type().onCloud()) {
            return request.type() + " to " + request.endsAt();
        }
        String what = request.type() + " of " + request.target().name();
        return switch (request.type()) {
            case RESIZE -> what + " from " + request.target().flavor() + " to " + request.flavor();
            case EXTEND_VOLUME -> what + " from " + request.target().sizeGb() + " GB to " + request.sizeGb() + " GB";
            default -> what;
        };
    }

    private OperationRequested command() {
        return new OperationRequested(
                request.id(),
                request.orderId(),
                request.tenant(),
                request.type(),
                request.target(),
                request.flavor(),
                request.vcpus(),
                request.ramGb(),
                request.sizeGb());
    }

    private void requireStatus(String what, Status... allowed) {
        if (!List.of(allowed).contains(status)) {
            throw new IllegalTransitionException("operation " + request.id() + " is " + status + " and cannot be "
                    + what + " (only from " + List.of(allowed) + ")");
        }
    }

    public UUID id() {
        return request.id();
    }

    public Request request() {
        return request;
    }

    public Status status() {
        return status;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public String reason() {
        return reason;
    }
}
