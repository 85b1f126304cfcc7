package fr.picloud.migration.portfolio.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.picloud.migration.portfolio.domain.InventoryRow;
import fr.picloud.platform.domain.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryFormatsTest {

    private final InventoryFormats formats = new InventoryFormats();

    private List<InventoryRow> read(String contentType, String body) {
        List<InventoryRow> rows = new ArrayList<>();
        formats.read(contentType, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
                .accept(rows::add);
        return rows;
    }

    @Test
    void a_json_array_is_read_element_by_element_with_lists_joined() {
        List<InventoryRow> rows = read(
                "application/json", "[{\"id\": \"APP-1\", \"dependencies\": [\"A\", \"B\"]}, {\"id\": \"APP-2\"}]");

        assertThat(rows).extracting(InventoryRow::number).containsExactly(1L, 2L);
        assertThat(rows.get(0).get("dependencies")).isEqualTo("A;B");
    }

    @Test
    void a_value_longer_than_the_bound_stops_the_import_naming_its_row() {
        String longName = "x".repeat(InventoryFormats.MAX_VALUE_CHARS + 1);

        assertThatThrownBy(() -> read(
                        "application/json",
                        "[{\"id\": \"APP-1\"}, {\"id\": \"APP-2\", \"name\": \"" + longName + "\"}]"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("after row 1")
                .hasMessageContaining("nothing was loaded");
        assertThatThrownBy(() -> read(InventoryFormats.CSV, "id,name\nAPP-1,a\nAPP-2," + longName + "\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("after row 1");
    }

    @Test
    void a_json_document_that_is_not_an_array_is_refused() {
        assertThatThrownBy(() -> read("application/json", "{\"id\": \"APP-1\"}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be a JSON array");
    }
}
