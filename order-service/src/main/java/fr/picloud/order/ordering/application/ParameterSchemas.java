package fr.picloud.order.ordering.application;

import fr.picloud.platform.domain.InvalidInputException.Violation;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Checks an order's parameters against its offering's JSON Schema. */
public interface ParameterSchemas {

    /**
     * What in {@code parameters} breaks {@code schema}, the schema of the offering's {@code revision};
     * empty when nothing does.
     */
    List<Violation> violations(
            UUID offeringId, long revision, Map<String, Object> schema, Map<String, Object> parameters);
}
