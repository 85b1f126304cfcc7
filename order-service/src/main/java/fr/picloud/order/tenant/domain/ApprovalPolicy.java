package fr.picloud.order.tenant.domain;

import fr.picloud.platform.domain.RuleViolationException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a tenant approves its orders, as data its administrators edit: below {@code autoApproveBelow}
 * a month, or in one of {@code autoApproveCategories}, an order is approved at once; otherwise one
 * approver of the tenant decides, two different ones above {@code twoApprovalsAbove}. A pending order
 * escalates after {@code escalateAfter} and expires after {@code expireAfter}, at most
 * {@link #MAX_WAIT} after it was placed (an instant and a database timestamp must hold the deadline).
 */
public record ApprovalPolicy(
        BigDecimal autoApproveBelow,
        Set<String> autoApproveCategories,
        BigDecimal twoApprovalsAbove,
        Duration escalateAfter,
        Duration expireAfter) {

    /** The longest an order may wait for its approvers. */
    public static final Duration MAX_WAIT = Duration.ofDays(366);

    public ApprovalPolicy {
        Objects.requireNonNull(autoApproveBelow, "autoApproveBelow");
        Objects.requireNonNull(twoApprovalsAbove, "twoApprovalsAbove");
        Objects.requireNonNull(escalateAfter, "escalateAfter");
        Objects.requireNonNull(expireAfter, "expireAfter");
        autoApproveCategories = Set.copyOf(Objects.requireNonNullElse(autoApproveCategories, Set.of()));
        if (autoApproveBelow.signum() < 0 || twoApprovalsAbove.signum() < 0) {
            throw new RuleViolationException("approval amounts are never negative", "autoApproveBelow");
        }
        if (escalateAfter.isNegative() || escalateAfter.isZero()) {
            throw new RuleViolationException("escalateAfter must be positive", "escalateAfter");
        }
        if (expireAfter.compareTo(MAX_WAIT) > 0) {
            throw new RuleViolationException(
                    "an order waits at most " + MAX_WAIT.toDays() + " days for approval: expireAfter is longer",
                    "expireAfter");
        }
        if (expireAfter.compareTo(escalateAfter) <= 0) {
            throw new RuleViolationException(
                    "an order expires only after it escalated: expireAfter > escalateAfter", "expireAfter");
        }
    }

    /** How many approvals, by different approvers, an order of this monthly amount and category needs. */
    public int requiredApprovals(BigDecimal monthlyAmount, String category) {
        if (monthlyAmount.compareTo(autoApproveBelow) < 0 || autoApproveCategories.contains(category)) {
            return 0;
        }
        return monthlyAmount.compareTo(twoApprovalsAbove) > 0 ? 2 : 1;
    }
}
