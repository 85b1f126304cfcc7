package fr.picloud.contracts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Says what in a new version of a JSON Schema would break a consumer written against the old one:
 * a property removed, a property's type changed, a required property made optional, an enum value
 * removed, or a closed object opened to different content. Adding an optional property is safe.
 */
final class SchemaCompatibility {

    private SchemaCompatibility() {}

    static List<String> breakingChanges(JsonNode baseline, JsonNode current) {
        List<String> problems = new ArrayList<>();
        compare("$", baseline, current, problems);
        return problems;
    }

    private static void compare(String path, JsonNode before, JsonNode after, List<String> problems) {
        if (!before.path("type").equals(after.path("type"))) {
            problems.add(path + ": type changed from " + before.path("type") + " to " + after.path("type"));
            return;
        }
        if (before.has("format") && !before.path("format").equals(after.path("format"))) {
            problems.add(path + ": format changed from " + before.path("format") + " to " + after.path("format"));
        }
        if (before.has("enum")) {
            Set<String> kept = texts(after.path("enum"));
            for (JsonNode value : before.path("enum")) {
                if (after.has("enum") && !kept.contains(value.asString())) {
                    problems.add(path + ": enum value " + value + " removed");
                }
            }
        }
        Set<String> requiredAfter = texts(after.path("required"));
        for (JsonNode required : before.path("required")) {
            if (!requiredAfter.contains(required.asString())) {
                problems.add(path + "." + required.asString() + ": no longer required");
            }
        }
        JsonNode propertiesAfter = after.path("properties");
        for (var property : before.path("properties").properties()) {
            String propertyPath = path + "." + property.getKey();
            if (!propertiesAfter.has(property.getKey())) {
                problems.add(propertyPath + ": removed");
            } else {
                compare(propertyPath, property.getValue(), propertiesAfter.get(property.getKey()), problems);
            }
        }
        if (before.has("items")) {
            compare(path + "[]", before.get("items"), after.path("items"), problems);
        }
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
