package fr.picloud.billing.chargeback.domain;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.contracts.offering.PriceUnit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdjustmentsTest {

    private final Rater rater =
            new Rater(new PriceBook(Map.of(RaterTest.OFFERING, List.of(RaterTest.V1)), RaterTest.PARIS));
    private final Period march = RaterTest.MARCH;
    private final Period april = march.next();

    @Test
    void a_deletion_learnt_after_closing_credits_the_difference_next_period_against_the_closed_line() {
        var order = RaterTest.order(RaterTest.OFFERING);
        var running = RaterTest.server(order, 4, 8, march.start(), null);
        List<StatementLine> closed =
                rater.rate(march, List.of(running), march.end()).lines();
        var deleted = new Chargeable.ResourceUsage(
                order,
                running.resourceId(),
                running.name(),
                "server",
                4,
                8,
                null,
                march.start(),
                Instant.parse("2026-03-16T23:00:00Z"));

        List<StatementLine> adjustments = Adjustments.of(
                april, march, rater.rate(march, List.of(deleted), march.end()).lines(), closed);

        assertThat(adjustments).hasSize(2).allSatisfy(line -> {
            assertThat(line.kind()).isEqualTo(StatementLine.Kind.ADJUSTMENT);
            assertThat(line.period()).isEqualTo("2026-04");
            assertThat(line.correctsPeriod()).isEqualTo("2026-03");
            assertThat(line.amount().signum()).isNegative();
        });
        StatementLine vcpu = adjustments.stream()
                .filter(line -> line.unit() == PriceUnit.VCPU_HOUR)
                .findFirst()
                .orElseThrow();
        StatementLine closedVcpu = closed.stream()
                .filter(line -> line.unit() == PriceUnit.VCPU_HOUR)
                .findFirst()
                .orElseThrow();
        assertThat(vcpu.correctsLineId()).isEqualTo(closedVcpu.id());
        // closed: 4 x 0.0125 x 743 h = 37.15; should be 4 x 0.0125 x 384 h = 19.20
        assertThat(vcpu.amount()).isEqualByComparingTo("-17.95");
    }

    @Test
    void nothing_to_adjust_once_the_adjustments_made_are_counted() {
        var order = RaterTest.order(RaterTest.OFFERING);
        var late = RaterTest.server(order, 1, 1, Instant.parse("2026-03-20T10:00:00Z"), null);
        List<StatementLine> shouldBe =
                rater.rate(march, List.of(late), march.end()).lines();

        List<StatementLine> first = Adjustments.of(april, march, shouldBe, List.of());
        assertThat(first)
                .hasSize(2)
                .allSatisfy(line -> assertThat(line.correctsLineId()).isNull());
        assertThat(Adjustments.of(april.next(), march, shouldBe, first)).isEmpty();
    }
}
