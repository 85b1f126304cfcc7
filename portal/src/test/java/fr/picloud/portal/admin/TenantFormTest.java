package fr.picloud.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the tenant administration forms make of what an administrator types, before order-service checks it. */
class TenantFormTest {

    @Test
    void hours_with_a_french_decimal_comma_are_read_to_the_minute() {
        Map<String, String> errors = new HashMap<>();
        assertThat(TenantsController.hours(Map.of("escalateAfter", " 1,5 "), "escalateAfter", errors))
                .isEqualTo(Duration.ofMinutes(90));
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "deux", "NaN", "Infinity", "-Infinity", "1e400"})
    void what_is_not_a_number_of_hours_is_named_beside_its_field(String typed) {
        Map<String, String> errors = new HashMap<>();
        assertThat(TenantsController.hours(Map.of("expireAfter", typed), "expireAfter", errors))
                .isNull();
        assertThat(errors).containsEntry("expireAfter", "#number");
    }

    @Test
    void amounts_and_whole_numbers() {
        Map<String, String> errors = new HashMap<>();
        assertThat(TenantsController.amount(Map.of("monthlyBudget", "25000,50"), "monthlyBudget", errors))
                .isEqualByComparingTo(new BigDecimal("25000.50"));
        assertThat(TenantsController.whole(Map.of("vcpus", "12.5"), "vcpus", errors))
                .isNull();
        assertThat(TenantsController.whole(Map.of("ramGb", "99999999999"), "ramGb", errors))
                .isNull();
        assertThat(errors).containsOnlyKeys("vcpus", "ramGb");
    }
}
