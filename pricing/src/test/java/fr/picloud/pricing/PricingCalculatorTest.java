package fr.picloud.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.picloud.contracts.offering.PriceList;
import fr.picloud.contracts.offering.PriceUnit;
import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.contracts.offering.ResourceTemplate.Resource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PricingCalculatorTest {

    static final PriceList PRICES = new PriceList(
            2,
            LocalDate.of(2026, 1, 1),
            "EUR",
            Map.of(
                    PriceUnit.VCPU_HOUR, new BigDecimal("0.0125"),
                    PriceUnit.RAM_GB_HOUR, new BigDecimal("0.0042"),
                    PriceUnit.VOLUME_GB_MONTH, new BigDecimal("0.045"),
                    PriceUnit.FLOATING_IP_HOUR, new BigDecimal("0.004"),
                    PriceUnit.SETUP_FEE, new BigDecimal("25")));

    static final ResourceTemplate VM_STACK = new ResourceTemplate(
            Map.of("m1.small", new ResourceTemplate.Flavor(1, 2), "m1.large", new ResourceTemplate.Flavor(4, 16)),
            List.of(
                    new Resource("net", "network", null, null, null, Map.of("name", "net-${project}")),
                    new Resource("data", "volume", null, "${instanceCount}", null, Map.of("sizeGb", "${diskGb}")),
                    new Resource(
                            "vm",
                            "server",
                            List.of("net"),
                            "${instanceCount}",
                            null,
                            Map.of("flavor", "${flavor}", "image", "${image}")),
                    new Resource("fip", "floating-ip", List.of("vm"), null, "${floatingIp}", Map.of())));

    @Test
    void binding_types_whole_placeholders_and_interpolates_partial_ones_and_drops_resources_whose_condition_is_false() {
        ResourceTemplate bound = TemplateBinder.bind(
                VM_STACK,
                Map.of(
                        "instanceCount",
                        2,
                        "diskGb",
                        100,
                        "flavor",
                        "m1.large",
                        "image",
                        "debian-12",
                        "floatingIp",
                        false,
                        "project",
                        "police"));

        assertThat(bound.resources()).extracting(Resource::name).containsExactly("net", "data", "vm");
        assertThat(bound.resources().get(0).properties()).containsEntry("name", "net-police");
        assertThat(bound.resources().get(1).properties()).containsEntry("sizeGb", 100);
        assertThat(bound.resources().get(2).count()).isEqualTo(2);
    }

    @Test
    void a_resource_whose_condition_names_an_omitted_parameter_is_not_built() {
        ResourceTemplate bound = TemplateBinder.bind(
                VM_STACK, Map.of("instanceCount", 1, "diskGb", 10, "flavor", "m1.small", "image", "debian-12"));

        assertThat(bound.resources()).extracting(Resource::name).containsExactly("net", "data", "vm");
        assertThat(Footprint.of(
                                VM_STACK,
                                Map.of("instanceCount", 1, "diskGb", 10, "flavor", "m1.small", "image", "debian-12"),
                                QuantityCeilings.DEFAULTS)
                        .floatingIps())
                .isZero();
    }

    @Test
    void the_template_names_the_parameters_it_needs() {
        assertThat(TemplateBinder.referencedParameters(VM_STACK))
                .containsExactlyInAnyOrder("project", "instanceCount", "diskGb", "flavor", "image", "floatingIp");
    }

    @Test
    void a_monthly_quote_prices_the_footprint_over_730_hours_with_cent_rounding_per_line() {
        Footprint footprint = Footprint.of(
                VM_STACK,
                Map.of("instanceCount", 2, "diskGb", 100, "flavor", "m1.large", "floatingIp", true),
                QuantityCeilings.DEFAULTS);

        PricingCalculator.Quote quote = PricingCalculator.monthlyQuote(PRICES, footprint);

        assertThat(footprint).isEqualTo(new Footprint(8, 32, 200, 1, 2));
        // 8 vCPU x 0.0125 x 730 = 73.00; 32 GB x 0.0042 x 730 = 98.112 -> 98.11; 200 GB x 0.045 = 9.00; 1 x 0.004 x 730
        // = 2.92
        assertThat(quote.lines())
                .extracting(PricingCalculator.QuoteLine::monthlyAmount)
                .containsExactly(
                        new BigDecimal("73.00"),
                        new BigDecimal("98.11"),
                        new BigDecimal("9.00"),
                        new BigDecimal("2.92"));
        assertThat(quote.monthlyTotal()).isEqualByComparingTo("183.03");
        assertThat(quote.oneTimeFees()).isEqualByComparingTo("25.00");
        assertThat(quote.priceListVersion()).isEqualTo(2);
    }

    @Test
    void usage_is_prorated_to_the_second_without_rounding() {
        BigDecimal charge =
                PricingCalculator.usageCharge(PRICES, PriceUnit.VCPU_HOUR, BigDecimal.ONE, Duration.ofSeconds(90));

        // 0.0125 EUR per hour for 90 s = 0.0003125
        assertThat(charge).isEqualByComparingTo("0.0003125");
        assertThat(PricingCalculator.toCents(new BigDecimal("0.125"))).isEqualByComparingTo("0.12");
        assertThat(PricingCalculator.toCents(new BigDecimal("0.135"))).isEqualByComparingTo("0.14");
    }

    @Test
    void the_version_in_force_on_a_day_is_the_latest_that_started_on_or_before_it() {
        PriceList march = new PriceList(3, LocalDate.of(2026, 3, 15), "EUR", Map.of());
        List<PriceList> versions = List.of(march, PRICES);

        assertThat(PricingCalculator.inForceOn(versions, LocalDate.of(2025, 12, 31)))
                .isEmpty();
        assertThat(PricingCalculator.inForceOn(versions, LocalDate.of(2026, 3, 14)))
                .contains(PRICES);
        assertThat(PricingCalculator.inForceOn(versions, LocalDate.of(2026, 3, 15)))
                .contains(march);
    }

    @Test
    void an_unknown_flavor_cannot_be_priced() {
        assertThatThrownBy(() -> Footprint.of(
                        VM_STACK,
                        Map.of("instanceCount", 1, "diskGb", 10, "flavor", "x9.huge"),
                        QuantityCeilings.DEFAULTS))
                .isInstanceOf(PricingException.class)
                .hasMessageContaining("x9.huge")
                .extracting(e -> ((PricingException) e).field())
                .isEqualTo("parameters.flavor");
    }

    @Test
    void a_count_that_overflows_an_int_is_refused_not_wrapped() {
        // 1,073,741,825 x 4 vCPU wrapped to 4 vCPU in int: the price of one server
        assertThatThrownBy(() -> Footprint.of(
                        VM_STACK,
                        Map.of("instanceCount", 1_073_741_825, "diskGb", 10, "flavor", "m1.large"),
                        QuantityCeilings.DEFAULTS))
                .isInstanceOf(PricingException.class)
                .extracting(e -> ((PricingException) e).field())
                .isEqualTo("parameters.instanceCount");
    }

    @Test
    void a_count_beyond_a_long_or_negative_is_refused_naming_its_parameter() {
        assertThatThrownBy(() -> Footprint.of(
                        VM_STACK,
                        Map.of("instanceCount", new BigDecimal("1e30"), "diskGb", 10, "flavor", "m1.large"),
                        QuantityCeilings.DEFAULTS))
                .extracting(e -> ((PricingException) e).field())
                .isEqualTo("parameters.instanceCount");
        assertThatThrownBy(() -> Footprint.of(
                        VM_STACK,
                        Map.of("instanceCount", 1, "diskGb", -10, "flavor", "m1.large"),
                        QuantityCeilings.DEFAULTS))
                .hasMessageContaining("never negative")
                .extracting(e -> ((PricingException) e).field())
                .isEqualTo("parameters.diskGb");
    }

    @Test
    void every_ceiling_holds_whatever_the_schema_allowed() {
        QuantityCeilings ceilings = new QuantityCeilings(10, 20, 1, 100, 16, 1000, 500);
        Map<String, Object> fits = Map.of("instanceCount", 4, "diskGb", 100, "flavor", "m1.large");

        assertThat(Footprint.of(VM_STACK, fits, ceilings)).isEqualTo(new Footprint(16, 64, 400, 0, 4));
        assertThatThrownBy(() -> Footprint.of(
                        VM_STACK, Map.of("instanceCount", 11, "diskGb", 10, "flavor", "m1.small"), ceilings))
                .hasMessageContaining("11 instances, above the platform's ceiling of 10")
                .extracting(e -> ((PricingException) e).field())
                .isEqualTo("parameters.instanceCount");
        assertThatThrownBy(() -> Footprint.of(
                        VM_STACK, Map.of("instanceCount", 1, "diskGb", 101, "flavor", "m1.small"), ceilings))
                .hasMessageContaining("GB in one volume")
                .extracting(e -> ((PricingException) e).field())
                .isEqualTo("parameters.diskGb");
        assertThatThrownBy(() -> Footprint.of(
                        VM_STACK, Map.of("instanceCount", 5, "diskGb", 10, "flavor", "m1.large"), ceilings))
                .hasMessageContaining("20 vCPU");
        assertThatThrownBy(() -> Footprint.of(
                        VM_STACK, Map.of("instanceCount", 6, "diskGb", 100, "flavor", "m1.small"), ceilings))
                .hasMessageContaining("600 GB of volumes");
    }
}
