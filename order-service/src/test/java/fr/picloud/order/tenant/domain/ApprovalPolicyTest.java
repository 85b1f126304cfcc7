package fr.picloud.order.tenant.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.picloud.platform.domain.RuleViolationException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApprovalPolicyTest {

    private static final ApprovalPolicy POLICY = new ApprovalPolicy(
            new BigDecimal("50"),
            Set.of("STORAGE"),
            new BigDecimal("1000"),
            Duration.ofHours(48),
            Duration.ofHours(120));

    @Test
    void below_the_first_amount_or_in_a_chosen_category_no_approval_is_needed() {
        assertThat(POLICY.requiredApprovals(new BigDecimal("49.99"), "COMPUTE")).isZero();
        assertThat(POLICY.requiredApprovals(new BigDecimal("5000"), "STORAGE")).isZero();
    }

    @Test
    void from_the_first_amount_one_approval_above_the_second_two() {
        assertThat(POLICY.requiredApprovals(new BigDecimal("50"), "COMPUTE")).isEqualTo(1);
        assertThat(POLICY.requiredApprovals(new BigDecimal("1000"), "COMPUTE")).isEqualTo(1);
        assertThat(POLICY.requiredApprovals(new BigDecimal("1000.01"), "COMPUTE"))
                .isEqualTo(2);
    }

    @Test
    void an_order_cannot_expire_before_it_escalates() {
        assertThatThrownBy(() -> new ApprovalPolicy(
                        BigDecimal.ONE, Set.of(), BigDecimal.TEN, Duration.ofHours(10), Duration.ofHours(10)))
                .isInstanceOf(RuleViolationException.class)
                .hasMessageContaining("expireAfter > escalateAfter");
    }

    @Test
    void quota_names_every_exceeded_limit() {
        QuotaAmounts limits = new QuotaAmounts(10, 20, 100, 5, 1, new BigDecimal("100"));
        QuotaAmounts used = new QuotaAmounts(9, 10, 0, 5, 0, new BigDecimal("99"));
        QuotaAmounts claim = new QuotaAmounts(1, 2, 10, 1, 0, new BigDecimal("2"));

        assertThat(limits.exceededBy(used, claim)).containsExactly("instances", "monthlyBudget");
        assertThat(limits.exceededBy(QuotaAmounts.NONE, claim)).isEmpty();
    }
}
