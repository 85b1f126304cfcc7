package fr.picloud.catalog.offering.application;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.catalog.offering.domain.Offering;
import fr.picloud.catalog.offering.domain.OfferingCategory;
import fr.picloud.catalog.offering.domain.OfferingDetails;
import fr.picloud.contracts.LocalizedText;
import fr.picloud.contracts.offering.OfferingState.Provider;
import fr.picloud.contracts.offering.PriceUnit;
import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.pricing.QuantityCeilings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The reference price of the seed catalogue's VM stack, worked out by hand beside each figure. */
class ReferencePriceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);
    private static final Map<PriceUnit, BigDecimal> RATES = Map.of(
            PriceUnit.VCPU_HOUR, new BigDecimal("0.0125"),
            PriceUnit.RAM_GB_HOUR, new BigDecimal("0.0042"),
            PriceUnit.VOLUME_GB_MONTH, new BigDecimal("0.045"),
            PriceUnit.FLOATING_IP_HOUR, new BigDecimal("0.004"),
            PriceUnit.SETUP_FEE, new BigDecimal("25"));

    @Test
    void the_reference_is_the_quote_of_the_form_as_it_opens_at_the_price_in_force_until_the_next_one() {
        Offering offering = vmStack(vmStackSchema());
        offering.changePrices(RATES, TODAY, TODAY);
        Map<PriceUnit, BigDecimal> doubled = new LinkedHashMap<>();
        RATES.forEach((unit, rate) -> doubled.put(unit, rate.multiply(BigDecimal.TWO)));
        offering.changePrices(doubled, TODAY.plusDays(10), TODAY);

        // m1.small (the flavor enum's first) x 1 instance (minimum), 10 GB (minimum), no floating IP (default):
        // 1 vCPU x 730 h x 0.0125 = 9.125 -> 9.12 (half-even); 2 GB x 730 h x 0.0042 = 6.132 -> 6.13;
        // 10 GB x 0.045 = 0.45; the setup fee is not monthly
        ReferencePrice today = ReferencePrice.of(offering, TODAY, QuantityCeilings.DEFAULTS);
        assertThat(today.monthly()).contains(new BigDecimal("15.70"));
        assertThat(today.changesOn()).contains(TODAY.plusDays(10));

        // at twice the rates: 18.25 + 12.264 -> 12.26 + 0.90
        ReferencePrice later = ReferencePrice.of(offering, TODAY.plusDays(10), QuantityCeilings.DEFAULTS);
        assertThat(later.monthly()).contains(new BigDecimal("31.41"));
        assertThat(later.changesOn()).isEmpty();

        ReferencePrice before = ReferencePrice.of(offering, TODAY.minusDays(1), QuantityCeilings.DEFAULTS);
        assertThat(before.monthly()).as("no price in force yet").isEmpty();
        assertThat(before.changesOn()).contains(TODAY);
    }

    @Test
    void an_offering_whose_form_does_not_open_on_a_buildable_order_has_no_reference_price() {
        Map<String, Object> schema = vmStackSchema();
        properties(schema).put("flavor", Map.of("type", "string", "maxLength", 20));
        Offering offering = vmStack(schema);
        offering.changePrices(RATES, TODAY, TODAY);

        ReferencePrice price = ReferencePrice.of(offering, TODAY, QuantityCeilings.DEFAULTS);

        assertThat(price.monthly()).as("a flavor left blank").isEmpty();
        assertThat(price.changesOn()).isEmpty();
    }

    @Test
    void each_parameter_takes_its_default_else_its_const_else_its_enums_first_else_its_minimum() {
        Map<String, Object> schema = Map.of(
                "type",
                "object",
                "properties",
                Map.of(
                        "a", Map.of("type", "integer", "default", 4, "enum", List.of(2, 4), "minimum", 1),
                        "b", Map.of("const", "fixed", "enum", List.of("other")),
                        "c", Map.of("enum", List.of("first", "second")),
                        "d", Map.of("type", "integer", "minimum", 3, "maximum", 9),
                        "e", Map.of("type", "string"),
                        "f", Map.of("type", "boolean", "default", false)));

        assertThat(ReferencePrice.parameters(schema))
                .isEqualTo(Map.of("a", 4, "b", "fixed", "c", "first", "d", 3, "f", false));
        assertThat(ReferencePrice.parameters(Map.of("type", "object"))).isEmpty();
    }

    private static Offering vmStack(Map<String, Object> schema) {
        JsonNode seed = seed();
        OfferingDetails details = new OfferingDetails(
                "vm-stack",
                new LocalizedText("Pile", "Stack"),
                new LocalizedText("Pile", "Stack"),
                OfferingCategory.COMPUTE,
                new Provider("pi-cloud", "PI Cloud", true, "FR"),
                List.of("vm"),
                "GOLD",
                "1.0",
                schema,
                JSON.treeToValue(seed.path("resourceTemplate"), ResourceTemplate.class),
                null);
        return Offering.draft(details);
    }

    private static Map<String, Object> vmStackSchema() {
        Map<String, Object> schema = JSON.convertValue(seed().path("parameterSchema"), new TypeReference<>() {});
        return schema;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> schema) {
        return (Map<String, Object>) schema.get("properties");
    }

    private static JsonNode seed() {
        try (InputStream in = ReferencePriceTest.class.getResourceAsStream("/seed/vm-stack.json")) {
            return JSON.readTree(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
