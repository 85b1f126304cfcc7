package fr.picloud.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SchemaCompatibilityTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String BASELINE = """
            {"type": "object", "required": ["id", "size"],
             "properties": {
               "id": {"type": "string", "format": "uuid"},
               "size": {"type": "integer"},
               "state": {"type": "string", "enum": ["A", "B"]},
               "owner": {"type": "object", "properties": {"name": {"type": "string"}}}}}
            """;

    @Test
    void adding_an_optional_property_is_compatible() {
        String current = BASELINE.replace(
                "\"size\": {\"type\": \"integer\"},",
                "\"size\": {\"type\": \"integer\"}, \"label\": {\"type\": \"string\"},");

        assertThat(SchemaCompatibility.breakingChanges(tree(BASELINE), tree(current)))
                .isEmpty();
    }

    @Test
    void removing_a_property_breaks_a_consumer() {
        String current = BASELINE.replace("\"size\": {\"type\": \"integer\"},", "");

        assertThat(SchemaCompatibility.breakingChanges(tree(BASELINE), tree(current)))
                .contains("$.size: removed");
    }

    @Test
    void retyping_a_nested_property_breaks_a_consumer() {
        String current = BASELINE.replace("\"name\": {\"type\": \"string\"}", "\"name\": {\"type\": \"integer\"}");

        assertThat(SchemaCompatibility.breakingChanges(tree(BASELINE), tree(current)))
                .containsExactly("$.owner.name: type changed from \"string\" to \"integer\"");
    }

    @Test
    void making_a_required_property_optional_or_dropping_an_enum_value_breaks_a_consumer() {
        String current = BASELINE.replace("\"required\": [\"id\", \"size\"]", "\"required\": [\"id\"]")
                .replace("[\"A\", \"B\"]", "[\"A\"]");

        assertThat(SchemaCompatibility.breakingChanges(tree(BASELINE), tree(current)))
                .containsExactlyInAnyOrder("$.size: no longer required", "$.state: enum value \"B\" removed");
    }

    private static JsonNode tree(String json) {
        return JSON.readTree(json);
    }
}
