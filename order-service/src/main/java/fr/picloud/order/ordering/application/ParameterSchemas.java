package fr.picloud.order.ordering.application;

import fr.picloud.platform.domain.InvalidInputException.Violation;
import java.util.List;
import java.util.Map;

/** Checks an order's parameters against its offering's JSON Schema. */
public interface ParameterSchemas {

    /** What in {@code parameters} breaks {@code schema}; empty when nothing does. */
    List<Violation> violations(Map<String, Object> schema, Map<String, Object> parameters);
}
