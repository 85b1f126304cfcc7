package fr.picloud.platform.validation;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import fr.picloud.platform.domain.InvalidInputException.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON Schema (draft 2020-12) checks with networknt's json-schema-validator, written once so the
 * catalogue's quote and an order judge parameters exactly alike. Violations name their field as a
 * dotted path under a root ({@code parameters.diskGb}), like Bean Validation's paths.
 */
public class JsonSchemaChecks {

    private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Schema metaSchema = registry.getSchema(SchemaLocation.of(META_SCHEMA));
    private final JsonMapper json;

    public JsonSchemaChecks(JsonMapper json) {
        this.json = json;
    }

    /** What makes {@code schema} not a usable JSON Schema of an object; empty when it is one. */
    public List<Violation> problemsOfObjectSchema(String root, Map<String, Object> schema) {
        JsonNode node = json.valueToTree(schema);
        List<Violation> problems = new ArrayList<>(toViolations(root, metaSchema.validate(node)));
        if (problems.isEmpty() && !"object".equals(node.path("type").asString(""))) {
            problems.add(
                    new Violation(root + ".type", "the parameters of an order are an object: type must be \"object\""));
        }
        if (problems.isEmpty()) {
            try {
                registry.getSchema(node);
            } catch (SchemaException | IllegalArgumentException e) {
                problems.add(new Violation(root, "not a usable JSON Schema: " + e.getMessage()));
            }
        }
        return problems;
    }

    /** What in {@code document} breaks {@code schema}; empty when nothing does. */
    public List<Violation> violations(String root, Map<String, Object> schema, Map<String, Object> document) {
        Schema compiled = registry.getSchema(json.valueToTree(schema));
        return toViolations(root, compiled.validate(json.valueToTree(document)));
    }

    private static List<Violation> toViolations(String root, List<Error> errors) {
        return errors.stream()
                .map(error -> new Violation(root + pointer(error), error.getMessage()))
                .toList();
    }

    private static String pointer(Error error) {
        // "$.a.b" or "/a/b" -> ".a.b"
        String location = String.valueOf(error.getInstanceLocation())
                .replaceFirst("^\\$", "")
                .replace('/', '.');
        return location.isEmpty() || location.startsWith(".") ? location : "." + location;
    }
}
