package fr.picloud.portal.schemaform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.picloud.portal.schemaform.FormField.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class SchemaFormTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The reference VM stack's schema, as the demo catalogue has it. */
    private static final String VM_STACK = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "additionalProperties": false, "required": ["flavor", "diskGb", "image", "instanceCount"],
             "properties": {
               "flavor": {"type": "string", "enum": ["m1.small", "m1.medium", "m1.large"]},
               "diskGb": {"type": "integer", "minimum": 10, "maximum": 2000, "description": "per server"},
               "image": {"type": "string", "enum": ["debian-12", "rocky-9"], "default": "debian-12"},
               "instanceCount": {"type": "integer", "minimum": 1, "maximum": 10},
               "floatingIp": {"type": "boolean", "default": false}}}
            """;

    private static Map<String, Object> schema(String json) {
        return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    }

    private static SchemaForm form(String json) {
        return SchemaForm.of(schema(json));
    }

    private static FormField only(String propertyJson) {
        return form("{\"type\": \"object\", \"required\": [\"p\"], \"properties\": {\"p\": " + propertyJson + "}}")
                .fields()
                .getFirst();
    }

    @Test
    void one_field_per_property_in_the_schemas_order() {
        assertThat(form(VM_STACK).fields())
                .extracting(FormField::name)
                .containsExactly("flavor", "diskGb", "image", "instanceCount", "floatingIp");
    }

    @Test
    void an_enum_is_a_select_of_its_values() {
        FormField flavor = form(VM_STACK).fields().getFirst();

        assertThat(flavor.isSelect()).isTrue();
        assertThat(flavor.options()).containsExactly("m1.small", "m1.medium", "m1.large");
    }

    @Test
    void an_integer_enum_is_a_select_whose_choice_is_sent_as_an_integer() {
        SchemaForm form = form("{\"properties\": {\"cores\": {\"type\": \"integer\", \"enum\": [2, 4, 8]}}}");

        assertThat(form.fields().getFirst().options()).containsExactly("2", "4", "8");
        assertThat(form.parameters(Map.of("cores", "4"))).containsEntry("cores", BigInteger.valueOf(4));
    }

    @Test
    void minimum_and_maximum_bound_a_number_input() {
        FormField disk = form(VM_STACK).fields().get(1);

        assertThat(disk.type()).isEqualTo(Type.INTEGER);
        assertThat(disk.inputType()).isEqualTo("number");
        assertThat(disk.step()).isEqualTo("1");
        assertThat(disk.minimum()).isEqualByComparingTo("10");
        assertThat(disk.maximum()).isEqualByComparingTo("2000");
        assertThat(only("{\"type\": \"number\", \"minimum\": 0.5}").step()).isEqualTo("any");
    }

    @Test
    void required_marks_the_listed_properties_only() {
        assertThat(form(VM_STACK).fields())
                .filteredOn(FormField::required)
                .extracting(FormField::name)
                .containsExactly("flavor", "diskGb", "image", "instanceCount");
    }

    @Test
    void defaults_fill_the_form_before_the_agent_types() {
        assertThat(form(VM_STACK).defaults())
                .containsExactly(Map.entry("image", "debian-12"), Map.entry("floatingIp", "false"));
    }

    @Test
    void title_and_description_label_and_explain_the_input() {
        FormField field = only("{\"type\": \"string\", \"title\": \"Host name\", \"description\": \"lower case\"}");

        assertThat(field.title()).isEqualTo("Host name");
        assertThat(field.description()).isEqualTo("lower case");
    }

    @Test
    void a_string_keeps_its_length_and_pattern() {
        FormField field = only("{\"type\": \"string\", \"minLength\": 3, \"maxLength\": 20, \"pattern\": \"[a-z]+\"}");

        assertThat(field.inputType()).isEqualTo("text");
        assertThat(field.minLength()).isEqualTo(3);
        assertThat(field.maxLength()).isEqualTo(20);
        assertThat(field.pattern()).isEqualTo("[a-z]+");
    }

    @Test
    void a_boolean_is_a_checkbox_and_unchecked_means_false() {
        SchemaForm form = form(VM_STACK);

        assertThat(form.fields().getLast().isCheckbox()).isTrue();
        assertThat(form.parameters(Map.of())).containsEntry("floatingIp", false);
        assertThat(form.parameters(Map.of("floatingIp", "true"))).containsEntry("floatingIp", true);
    }

    @Test
    void submitted_text_becomes_each_propertys_json_type() {
        Map<String, Object> parameters = form(VM_STACK)
                .parameters(Map.of("flavor", "m1.medium", "diskGb", " 20 ", "instanceCount", "2", "image", "rocky-9"));

        assertThat(parameters)
                .containsEntry("flavor", "m1.medium")
                .containsEntry("diskGb", BigInteger.valueOf(20))
                .containsEntry("instanceCount", BigInteger.TWO)
                .containsEntry("image", "rocky-9");
        assertThat(form("{\"properties\": {\"ratio\": {\"type\": \"number\"}}}").parameters(Map.of("ratio", "0.25")))
                .containsEntry("ratio", new BigDecimal("0.25"));
    }

    @Test
    void a_blank_input_is_left_out_and_a_non_number_is_sent_as_typed_for_the_service_to_refuse() {
        Map<String, Object> parameters = form(VM_STACK).parameters(Map.of("diskGb", "", "instanceCount", "two"));

        assertThat(parameters).doesNotContainKey("diskGb").containsEntry("instanceCount", "two");
        assertThat(form(VM_STACK).parameters(Map.of("instanceCount", "2.5"))).containsEntry("instanceCount", "2.5");
    }

    @Test
    void properties_the_schema_does_not_define_are_never_sent() {
        assertThat(form(VM_STACK).parameters(Map.of("_csrf", "token", "_costCenter", "POL-001")))
                .containsOnlyKeys("floatingIp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"oneOf", "anyOf", "allOf", "$ref", "if", "patternProperties", "dependentRequired"})
    void a_keyword_it_cannot_render_is_refused_with_its_name_and_place(String keyword) {
        String json = "{\"type\": \"object\", \"" + keyword + "\": [], \"properties\": {}}";

        assertThatThrownBy(() -> form(json))
                .isInstanceOf(UnsupportedSchemaException.class)
                .hasMessageContaining("\"" + keyword + "\"")
                .hasMessageContaining("at /")
                .satisfies(e ->
                        assertThat(((UnsupportedSchemaException) e).keyword()).isEqualTo(keyword));
    }

    @Test
    void a_nested_object_or_an_array_is_refused_at_its_property() {
        assertThatThrownBy(() -> form("{\"properties\": {\"disks\": {\"type\": \"array\", \"items\": {}}}}"))
                .isInstanceOf(UnsupportedSchemaException.class)
                .hasMessageContaining("/properties/disks")
                .hasMessageContaining("items");
        assertThatThrownBy(() -> form("{\"properties\": {\"disk\": {\"type\": \"object\"}}}"))
                .isInstanceOf(UnsupportedSchemaException.class)
                .hasMessage("the portal cannot render \"type\" at /properties/disk/type: \"object\" is not one of"
                        + " string, integer, number, boolean");
    }

    @Test
    void a_property_without_one_type_is_refused() {
        assertThatThrownBy(() -> form("{\"properties\": {\"size\": {\"type\": [\"integer\", \"null\"]}}}"))
                .hasMessageContaining("/properties/size/type")
                .hasMessageContaining("needs one type");
        assertThatThrownBy(() -> form("{\"properties\": {\"size\": {\"minimum\": 1}}}"))
                .hasMessageContaining("/properties/size/type");
    }

    @Test
    void a_constraint_that_does_not_fit_the_type_is_refused_rather_than_dropped() {
        assertThatThrownBy(() -> only("{\"type\": \"integer\", \"maxLength\": 3}"))
                .hasMessageContaining("only a string has a length");
        assertThatThrownBy(() -> only("{\"type\": \"string\", \"maximum\": 3}")).hasMessageContaining("only a number");
        assertThatThrownBy(() -> only("{\"type\": \"integer\", \"enum\": [\"two\"]}"))
                .hasMessageContaining("/properties/p/enum")
                .hasMessageContaining("two is not a integer");
        assertThatThrownBy(() -> only("{\"type\": \"integer\", \"default\": 2.5}"))
                .hasMessageContaining("/properties/p/default");
    }

    @Test
    void a_root_that_is_not_a_closed_object_is_refused() {
        assertThatThrownBy(() -> form("{\"type\": \"array\"}")).hasMessageContaining("/type");
        assertThatThrownBy(() -> form("{\"additionalProperties\": {\"type\": \"string\"}}"))
                .hasMessageContaining("/additionalProperties");
        assertThatThrownBy(() -> form("{\"required\": [\"ghost\"], \"properties\": {}}"))
                .hasMessageContaining("\"ghost\" is required but has no property");
    }
}
