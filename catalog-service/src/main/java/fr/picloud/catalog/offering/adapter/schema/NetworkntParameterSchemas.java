package fr.picloud.catalog.offering.adapter.schema;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.picloud.catalog.offering.application.ParameterSchemas;
import fr.picloud.platform.domain.InvalidInputException.Violation;
import fr.picloud.platform.validation.JsonSchemaChecks;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalogue's schema checks, through the platform's JSON Schema validation.
 *
 * <p>Whether a parameter schema is a valid JSON Schema depends on the schema alone, and checking it
 * (validation against the draft 2020-12 meta-schema, then compiling it) costs far more than the rest
 * of a feed row: a provider feed repeats a few dozen schemas over thousands of rows, so the verdict
 * is kept per distinct schema, keyed by its JSON text (a map used as key could change under the cache).
 */
@Component
class NetworkntParameterSchemas implements ParameterSchemas {

    private final JsonSchemaChecks checks;
    private final JsonMapper json;
    private final Cache<String, List<Violation>> schemaProblems =
            Caffeine.newBuilder().maximumSize(1_000).build();

    NetworkntParameterSchemas(JsonSchemaChecks checks, JsonMapper json) {
        this.checks = checks;
        this.json = json;
    }

    @Override
    public List<Violation> problemsOfSchema(Map<String, Object> schema) {
        return schemaProblems.get(
                json.writeValueAsString(schema),
                text -> List.copyOf(checks.problemsOfObjectSchema("parameterSchema", schema)));
    }

    @Override
    public List<Violation> violations(
            UUID offeringId, long revision, Map<String, Object> schema, Map<String, Object> parameters) {
        return checks.violations("parameters", new JsonSchemaChecks.Revision(offeringId, revision), schema, parameters);
    }
}
