package fr.picloud.billing.chargeback.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

    private final Period march = RaterTest.MARCH;
    private final TenantTree tenants = new TenantTree(Map.of(
            "interieur", new TenantTree.Node("interieur", "Intérieur", "MINISTRY", null, new BigDecimal("2000")),
            "police", new TenantTree.Node("police", "Police", "DIRECTORATE", "interieur", new BigDecimal("25000")),
            "dsic", new TenantTree.Node("dsic", "DSIC", "DIRECTORATE", "interieur", new BigDecimal("50000"))));

    private List<StatementLine> lines() {
        Rater rater = new Rater(new PriceBook(Map.of(RaterTest.OFFERING, List.of(RaterTest.V1)), RaterTest.PARIS));
        List<Chargeable> usage = new ArrayList<>();
        int seconds = 1;
        for (String tenant : List.of("interieur", "police", "police", "dsic", "justice")) {
            var order = new Chargeable.OrderRef(
                    UUID.randomUUID(), tenant, "CC-" + seconds % 2, RaterTest.OFFERING, "vm", null);
            usage.add(RaterTest.server(
                    order, 3, 7, Instant.parse("2026-03-03T10:00:00Z").plusSeconds(seconds * 7919L), null));
            usage.add(new Chargeable.SetupFee(order, Instant.parse("2026-03-03T10:00:00Z")));
            seconds++;
        }
        return rater.rate(march, usage, march.end()).lines();
    }

    @Test
    void lines_statements_cost_centres_rollup_and_platform_total_agree() {
        Chargeback chargeback = Chargeback.of(march, false, lines(), tenants, List.of());

        assertThat(Reconciliation.check(chargeback)).isEmpty();
        assertThat(chargeback.ministries())
                .extracting(Chargeback.MinistryRollup::ministry)
                .containsExactly("interieur", "justice");
        Chargeback.MinistryRollup interieur = chargeback.ministries().getFirst();
        assertThat(interieur.directorates()).containsOnlyKeys("police", "dsic");
        assertThat(interieur.total().add(chargeback.ministries().get(1).total()))
                .isEqualByComparingTo(chargeback.platformTotal());
    }

    @Test
    void a_statement_whose_total_differs_from_its_lines_is_reported() {
        Chargeback chargeback = Chargeback.of(march, false, lines(), tenants, List.of());
        Statement police = chargeback.statements().stream()
                .filter(s -> s.tenant().equals("police"))
                .findFirst()
                .orElseThrow();
        List<Statement> tampered = new ArrayList<>(chargeback.statements());
        tampered.set(
                tampered.indexOf(police),
                new Statement(
                        police.tenant(),
                        police.period(),
                        false,
                        police.lines(),
                        police.costCenters(),
                        police.total().add(new BigDecimal("0.01"))));
        Chargeback wrong = new Chargeback(
                chargeback.period(), false, tampered, chargeback.ministries(), chargeback.platformTotal(), List.of());

        assertThat(Reconciliation.check(wrong))
                .anySatisfy(problem -> assertThat(problem).startsWith("police: lines sum to"))
                .anySatisfy(problem -> assertThat(problem).startsWith("tenants sum to"));
    }

    @Test
    void a_closed_period_whose_recorded_totals_no_longer_match_its_lines_is_reported() {
        Chargeback chargeback = Chargeback.of(march, true, lines(), tenants, List.of());
        Map<String, BigDecimal> recorded = new java.util.TreeMap<>();
        chargeback.statements().forEach(statement -> recorded.put(statement.tenant(), statement.total()));

        assertThat(Reconciliation.checkRecorded(chargeback, recorded, chargeback.platformTotal()))
                .isEmpty();
        recorded.put("dsic", BigDecimal.ZERO);
        assertThat(Reconciliation.checkRecorded(
                        chargeback, recorded, chargeback.platformTotal().add(BigDecimal.ONE)))
                .hasSize(2);
    }

    @Test
    void a_malformed_period_is_refused() {
        for (String bad : List.of("2026-13", "2026-3", "2026-00", "march", "2026-03-01")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Period.parse(bad, RaterTest.PARIS))
                    .as(bad)
                    .isInstanceOf(fr.picloud.platform.domain.InvalidInputException.class);
        }
    }
}
