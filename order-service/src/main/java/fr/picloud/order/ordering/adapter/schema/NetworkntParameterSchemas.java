package fr.picloud.order.ordering.adapter.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import fr.picloud.order.ordering.application.ParameterSchemas;
import fr.picloud.platform.domain.InvalidInputException.Violation;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON Schema draft 2020-12 with networknt's json-schema-validator, the library and field naming of
 * the catalogue's own check, so an order is judged exactly as the catalogue's quote judges it.
 */
@Component
class NetworkntParameterSchemas implements ParameterSchemas {

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final JsonMapper json;

    NetworkntParameterSchemas(JsonMapper json) {
        this.json = json;
    }

    @Override
    public List<Violation> violations(Map<String, Object> schema, Map<String, Object> parameters) {
        Schema compiled = registry.getSchema(json.valueToTree(schema));
        return compiled.validate(json.valueToTree(parameters)).stream()
                .map(error -> new Violation("parameters" + pointer(error), error.getMessage()))
                .toList();
    }

    private static String pointer(Error error) {
        // "$.a.b" or "/a/b" -> ".a.b", so fields read parameters.diskGb like Bean Validation's paths
        String location = String.valueOf(error.getInstanceLocation())
                .replaceFirst("^\\$", "")
                .replace('/', '.');
        return location.isEmpty() || location.startsWith(".") ? location : "." + location;
    }
}
