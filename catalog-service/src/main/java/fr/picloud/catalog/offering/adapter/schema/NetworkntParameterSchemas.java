package fr.picloud.catalog.offering.adapter.schema;

import fr.picloud.catalog.offering.application.ParameterSchemas;
import fr.picloud.platform.domain.InvalidInputException.Violation;
import fr.picloud.platform.validation.JsonSchemaChecks;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The catalogue's schema checks, through the platform's JSON Schema validation. */
@Component
class NetworkntParameterSchemas implements ParameterSchemas {

    private final JsonSchemaChecks checks;

    NetworkntParameterSchemas(JsonSchemaChecks checks) {
        this.checks = checks;
    }

    @Override
    public List<Violation> problemsOfSchema(Map<String, Object> schema) {
        return checks.problemsOfObjectSchema("parameterSchema", schema);
    }

    @Override
    public List<Violation> violations(Map<String, Object> schema, Map<String, Object> parameters) {
        return checks.violations("parameters", schema, parameters);
    }
}
