package fr.picloud.catalog.offering.adapter.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import fr.picloud.catalog.offering.application.ParameterSchemas;
import fr.picloud.platform.domain.InvalidInputException.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON Schema draft 2020-12 with networknt's json-schema-validator. */
@Component
class NetworkntParameterSchemas implements ParameterSchemas {

    private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Schema metaSchema = registry.getSchema(com.networknt.schema.SchemaLocation.of(META_SCHEMA));
    private final JsonMapper json;

    NetworkntParameterSchemas(JsonMapper json) {
        this.json = json;
    }

    @Override
    public List<Violation> problemsOfSchema(Map<String, Object> schema) {
        JsonNode node = json.valueToTree(schema);
        List<Violation> problems = new ArrayList<>(toViolations("parameterSchema", metaSchema.validate(node)));
        if (problems.isEmpty() && !"object".equals(node.path("type").asString(""))) {
            problems.add(new Violation(
                    "parameterSchema.type", "the parameters of an order are an object: type must be \"object\""));
        }
        if (problems.isEmpty()) {
            try {
                registry.getSchema(node);
            } catch (SchemaException | IllegalArgumentException e) {
                problems.add(new Violation("parameterSchema", "not a usable JSON Schema: " + e.getMessage()));
            }
        }
        return problems;
    }

    @Override
    public List<Violation> violations(Map<String, Object> schema, Map<String, Object> parameters) {
        Schema compiled = registry.getSchema(json.valueToTree(schema));
        return toViolations("parameters", compiled.validate(json.valueToTree(parameters)));
    }

    private static List<Violation> toViolations(String root, List<Error> errors) {
        return errors.stream()
                .map(error -> new Violation(root + pointer(error), error.getMessage()))
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
