package fr.picloud.migration.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.migration.portfolio.domain.Application;
import fr.picloud.migration.portfolio.domain.InventoryRow;
import fr.picloud.migration.portfolio.domain.InventoryValidator;
import fr.picloud.migration.portfolio.domain.InventoryValidator.RowError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bad rows are refused one by one, naming the row, the id and the field; good rows are kept. */
class InventoryValidatorTest {

    @Test
    void a_negative_size_and_an_unknown_dependency_are_refused_per_row_and_good_rows_kept() {
        List<InventoryRow> rows = List.of(
                row(1, "APP-1", Map.of()),
                row(2, "APP-2", Map.of("vcpus", "-4")),
                row(3, "APP-3", Map.of("dependencies", "APP-1;APP-404")),
                row(4, "APP-4", Map.of("dependencies", "APP-1;KNOWN")));

        InventoryValidator.Result result = InventoryValidator.validate(rows, Set.of("KNOWN"));

        assertThat(result.accepted()).extracting(Application::id).containsExactly("APP-1", "APP-4");
        assertThat(result.errors())
                .extracting(RowError::row, RowError::applicationId, RowError::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2L, "APP-2", "vcpus"),
                        org.assertj.core.groups.Tuple.tuple(3L, "APP-3", "dependencies"));
        assertThat(result.errors().get(0).message()).contains("must not be negative");
        assertThat(result.errors().get(1).message()).contains("APP-404").doesNotContain("APP-1,");
    }

    @Test
    void a_row_depending_on_a_refused_row_is_refused_too() {
        List<InventoryRow> rows =
                List.of(row(1, "APP-1", Map.of("storageGb", "-1")), row(2, "APP-2", Map.of("dependencies", "APP-1")));

        InventoryValidator.Result result = InventoryValidator.validate(rows, Set.of());

        assertThat(result.accepted()).isEmpty();
        assertThat(result.errors()).extracting(RowError::row).containsExactly(1L, 2L);
    }

    @Test
    void unknown_values_and_missing_fields_are_named() {
        List<InventoryRow> rows = List.of(row(1, "APP-1", Map.of("hosting", "cloud", "name", "")));

        assertThat(InventoryValidator.validate(rows, Set.of()).errors())
                .extracting(RowError::field)
                .containsExactlyInAnyOrder("hosting", "name");
    }

    static InventoryRow row(long number, String id, Map<String, String> overrides) {
        Map<String, String> fields = new HashMap<>(Map.of(
                "id", id,
                "name", "Application " + id,
                "tenant", "police",
                "criticality", "MEDIUM",
                "users", "120",
                "hosting", "VM",
                "os", "Debian",
                "vcpus", "2",
                "ramGb", "4",
                "storageGb", "40"));
        fields.putAll(overrides);
        return new InventoryRow(number, fields);
    }
}
