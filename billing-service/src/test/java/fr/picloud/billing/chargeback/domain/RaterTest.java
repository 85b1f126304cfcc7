package fr.picloud.billing.chargeback.domain;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.contracts.offering.PriceList;
import fr.picloud.contracts.offering.PriceUnit;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RaterTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final UUID OFFERING = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final Period MARCH = Period.parse("2026-03", PARIS);

    static final PriceList V1 = new PriceList(
            1,
            LocalDate.of(2026, 1, 1),
            "EUR",
            Map.of(
                    PriceUnit.VCPU_HOUR, new BigDecimal("0.0125"),
                    PriceUnit.RAM_GB_HOUR, new BigDecimal("0.0042"),
                    PriceUnit.VOLUME_GB_MONTH, new BigDecimal("0.045"),
                    PriceUnit.FLOATING_IP_HOUR, new BigDecimal("0.004"),
                    PriceUnit.SETUP_FEE, new BigDecimal("25")));

    /** From 15 March 00:00 Paris (14 March 23:00 UTC), vCPU hours cost twice as much. */
    static final PriceList V2 = new PriceList(
            2,
            LocalDate.of(2026, 3, 15),
            "EUR",
            Map.of(
                    PriceUnit.VCPU_HOUR, new BigDecimal("0.025"),
                    PriceUnit.RAM_GB_HOUR, new BigDecimal("0.0042"),
                    PriceUnit.VOLUME_GB_MONTH, new BigDecimal("0.045"),
                    PriceUnit.FLOATING_IP_HOUR, new BigDecimal("0.004")));

    static Chargeable.OrderRef order(UUID offeringId) {
        return new Chargeable.OrderRef(
                UUID.randomUUID(), "police", "POL-001", offeringId, "vm-stack", UUID.randomUUID());
    }

    static Chargeable.ResourceUsage server(
            Chargeable.OrderRef order, int vcpus, int ramGb, Instant start, Instant end) {
        return new Chargeable.ResourceUsage(
                order, "srv-" + UUID.randomUUID(), "server-0", "server", vcpus, ramGb, null, start, end);
    }

    private static Rater rater(PriceList... versions) {
        return new Rater(new PriceBook(Map.of(OFFERING, List.of(versions)), PARIS));
    }

    @Test
    void usage_is_charged_to_the_second_and_rounded_once_per_line() {
        Instant start = Instant.parse("2026-03-02T08:00:00Z");
        var usage = server(order(OFFERING), 1, 2, start, start.plusSeconds(90));

        Rater.Rating rating = rater(V1).rate(MARCH, List.of(usage), MARCH.end());

        assertThat(rating.lines()).extracting(StatementLine::seconds).containsOnly(90L);
        StatementLine vcpu = rating.lines().stream()
                .filter(line -> line.unit() == PriceUnit.VCPU_HOUR)
                .findFirst()
                .orElseThrow();
        // 0.0125 EUR an hour for 90 s
        assertThat(vcpu.exactAmount()).isEqualByComparingTo("0.0003125");
        assertThat(vcpu.amount()).isEqualByComparingTo("0.00");
        assertThat(rating.unpriced()).isEmpty();
    }

    @Test
    void a_volume_costs_its_monthly_rate_over_730_hours_prorated_to_the_second() {
        Instant start = MARCH.start();
        var volume = new Chargeable.ResourceUsage(
                order(OFFERING),
                "vol-1",
                "data-volume-0",
                "volume",
                null,
                null,
                100,
                start,
                start.plusSeconds(730 * 3600));

        StatementLine line =
                rater(V1).rate(MARCH, List.of(volume), MARCH.end()).lines().getFirst();

        assertThat(line.unit()).isEqualTo(PriceUnit.VOLUME_GB_MONTH);
        assertThat(line.amount()).isEqualByComparingTo("4.50");
        var halfHour = new Chargeable.ResourceUsage(
                order(OFFERING), "vol-2", "data-volume-1", "volume", null, null, 100, start, start.plusSeconds(1800));
        // 100 GB x 0.045 / 730 h x 0.5 h = 0.00308219...
        assertThat(rater(V1)
                        .rate(MARCH, List.of(halfHour), MARCH.end())
                        .lines()
                        .getFirst()
                        .exactAmount())
                .isEqualByComparingTo("0.003082191780821917808219178082191781");
    }

    @Test
    void a_price_change_mid_month_splits_the_interval_at_midnight_paris() {
        var usage = server(order(OFFERING), 2, 4, MARCH.start(), null);

        Rater.Rating rating = rater(V1, V2).rate(MARCH, List.of(usage), MARCH.end());

        List<StatementLine> vcpu = rating.lines().stream()
                .filter(line -> line.unit() == PriceUnit.VCPU_HOUR)
                .toList();
        assertThat(vcpu).extracting(StatementLine::priceVersion).containsExactly(1, 2);
        Instant change = Instant.parse("2026-03-14T23:00:00Z");
        assertThat(vcpu.get(0).usageTo()).isEqualTo(change);
        assertThat(vcpu.get(1).usageFrom()).isEqualTo(change);
        // March 2026 in Paris: 743 hours (summer time starts on the 29th); 14 days = 336 h at v1
        assertThat(vcpu.get(0).seconds()).isEqualTo(336 * 3600L);
        assertThat(vcpu.get(1).seconds()).isEqualTo((743 - 336) * 3600L);
        assertThat(vcpu.get(0).amount()).isEqualByComparingTo("8.40"); // 2 x 0.0125 x 336
        assertThat(vcpu.get(1).amount()).isEqualByComparingTo("20.35"); // 2 x 0.025 x 407
    }

    @Test
    void usage_without_a_price_is_held_aside_never_charged_at_zero() {
        Instant start = Instant.parse("2026-03-02T08:00:00Z");
        var unknownOffering = server(order(UUID.randomUUID()), 1, 2, start, null);
        var noFloatingIpRate = new Chargeable.ResourceUsage(
                order(OFFERING), "fip-1", "floating-ip", "floating-ip", null, null, null, start, null);
        PriceList withoutFloatingIp =
                new PriceList(1, LocalDate.of(2026, 1, 1), "EUR", Map.of(PriceUnit.VCPU_HOUR, BigDecimal.ONE));
        PriceList inDollars = new PriceList(1, LocalDate.of(2026, 1, 1), "USD", V1.rates());

        assertThat(rater(V1).rate(MARCH, List.of(unknownOffering), MARCH.end()).unpriced())
                .extracting(Unpriced::reason)
                .containsExactly("offering " + unknownOffering.order().offeringId() + " is not in the price book");
        Rater.Rating missingRate = rater(withoutFloatingIp).rate(MARCH, List.of(noFloatingIpRate), MARCH.end());
        assertThat(missingRate.lines()).isEmpty();
        assertThat(missingRate.unpriced())
                .extracting(Unpriced::reason)
                .containsExactly("price version 1 has no rate for FLOATING_IP_HOUR");
        assertThat(rater(inDollars)
                        .rate(MARCH, List.of(server(order(OFFERING), 1, 1, start, null)), MARCH.end())
                        .unpriced())
                .extracting(Unpriced::reason)
                .containsOnly("price version 1 is in USD, not EUR");
    }

    @Test
    void the_setup_fee_is_charged_once_in_the_month_the_order_completed() {
        var order = order(OFFERING);
        var fee = new Chargeable.SetupFee(order, Instant.parse("2026-03-31T21:59:59Z"));

        assertThat(rater(V1).rate(MARCH, List.of(fee), MARCH.end()).lines())
                .extracting(StatementLine::amount)
                .containsExactly(new BigDecimal("25.00"));
        assertThat(rater(V1)
                        .rate(MARCH.next(), List.of(fee), MARCH.next().end())
                        .lines())
                .isEmpty();
    }

    @Test
    void month_to_date_stops_running_usage_at_now() {
        Instant now = Instant.parse("2026-03-10T12:00:30Z");
        var usage = server(order(OFFERING), 1, 0, Instant.parse("2026-03-10T12:00:00Z"), null);

        assertThat(rater(V1).rate(MARCH, List.of(usage), now).lines())
                .filteredOn(line -> line.unit() == PriceUnit.VCPU_HOUR)
                .extracting(StatementLine::seconds)
                .containsExactly(30L);
    }
}
