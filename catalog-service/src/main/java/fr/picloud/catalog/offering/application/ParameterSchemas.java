package fr.picloud.catalog.offering.application;

import fr.picloud.platform.domain.InvalidInputException.Violation;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** JSON Schema checks: that a schema is one, and that an order's parameters satisfy it. */
public interface ParameterSchemas {

    /** What makes {@code schema} not a valid JSON Schema (draft 2020-12) for an object; empty when it is. */
    List<Violation> problemsOfSchema(Map<String, Object> schema);

    /**
     * What in {@code parameters} breaks {@code schema}, the schema of the offering's {@code revision};
     * empty when nothing does.
     */
    List<Violation> violations(
            UUID offeringId, long revision, Map<String, Object> schema, Map<String, Object> parameters);
}
