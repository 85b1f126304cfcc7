package fr.picloud.order.ordering.adapter.schema;

import fr.picloud.order.ordering.application.ParameterSchemas;
import fr.picloud.platform.domain.InvalidInputException.Violation;
import fr.picloud.platform.validation.JsonSchemaChecks;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** An order's parameters judged by the platform's JSON Schema validation, exactly as the catalogue's quote. */
@Component
class NetworkntParameterSchemas implements ParameterSchemas {

    private final JsonSchemaChecks checks;

    NetworkntParameterSchemas(JsonSchemaChecks checks) {
        this.checks = checks;
    }

    @Override
    public List<Violation> violations(
            UUID offeringId, long revision, Map<String, Object> schema, Map<String, Object> parameters) {
        return checks.violations("parameters", new JsonSchemaChecks.Revision(offeringId, revision), schema, parameters);
    }
}
