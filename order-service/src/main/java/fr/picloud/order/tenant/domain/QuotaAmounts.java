package fr.picloud.order.tenant.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Quantities counted against a tenant's quota and budget: what a tenant may use (limits), what it
 * uses, or what one order reserves.
 *
 * @param monthlyBudget EUR per month, the monthly quote of the orders
 */
public record QuotaAmounts(
        int vcpus, int ramGb, int volumeGb, int instances, int floatingIps, BigDecimal monthlyBudget) {

    public static final QuotaAmounts NONE = new QuotaAmounts(0, 0, 0, 0, 0, BigDecimal.ZERO);

    public QuotaAmounts {
        Objects.requireNonNull(monthlyBudget, "monthlyBudget");
        if (vcpus < 0 || ramGb < 0 || volumeGb < 0 || instances < 0 || floatingIps < 0 || monthlyBudget.signum() < 0) {
            throw new IllegalArgumentException("quota amounts are never negative");
        }
    }

    /** The names of the quotas that {@code used + claim} would exceed, in a fixed order; empty when it fits. */
    public List<String> exceededBy(QuotaAmounts used, QuotaAmounts claim) {
        List<String> exceeded = new ArrayList<>();
        check(exceeded, "vcpus", used.vcpus + claim.vcpus, vcpus);
        check(exceeded, "ramGb", used.ramGb + claim.ramGb, ramGb);
        check(exceeded, "volumeGb", used.volumeGb + claim.volumeGb, volumeGb);
        check(exceeded, "instances", used.instances + claim.instances, instances);
        check(exceeded, "floatingIps", used.floatingIps + claim.floatingIps, floatingIps);
        if (used.monthlyBudget.add(claim.monthlyBudget).compareTo(monthlyBudget) > 0) {
            exceeded.add("monthlyBudget");
        }
        return exceeded;
    }

    private static void check(List<String> exceeded, String quota, long wanted, int limit) {
        if (wanted > limit) {
            exceeded.add(quota);
        }
    }
}
