package fr.picloud.provisioning.saga.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a saga as planned from the order's resource template.
 *
 * @param name unique in the saga: the template name, with an index when the resource has a count
 * @param dependsOn the steps that must be done first
 * @param inputs among them, the one each role reads (a server's {@code subnet}, an attachment's
 *     {@code volume}...), by the role's kind
 */
public record StepPlan(
        String name, String kind, List<String> dependsOn, Map<String, String> inputs, Map<String, Object> properties) {

    public StepPlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        dependsOn = List.copyOf(Objects.requireNonNullElse(dependsOn, List.of()));
        inputs = Map.copyOf(Objects.requireNonNullElse(inputs, Map.of()));
        properties = Objects.requireNonNullElse(properties, Map.of());
    }
}
