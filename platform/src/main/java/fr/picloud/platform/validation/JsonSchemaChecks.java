package fr.picloud.platform.validation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import fr.picloud.platform.domain.InvalidInputException.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON Schema (draft 2020-12) checks with networknt's json-schema-validator, written once so the
 * catalogue's quote and an order judge parameters exactly alike. Violations name their field as a
 * dotted path under a root ({@code parameters.diskGb}), like Bean Validation's paths.
 *
 * <p>The schemas come from outside (provider feeds) and run on every order, so they are treated as
 * code: bounded in size, depth and references when imported, their patterns run on a linear-time
 * engine ({@link Re2jRegularExpressions}), nothing they name is ever fetched, and the strings they
 * judge are bounded. A schema is compiled once per offering revision.
 */
public class JsonSchemaChecks {

    /** The JSON text of one parameter schema. */
    public static final int MAX_SCHEMA_CHARS = 65_536;

    /** Nesting of objects and arrays in one schema. */
    public static final int MAX_DEPTH = 32;

    public static final int MAX_REFS = 100;

    public static final int MAX_PATTERN_LENGTH = 1_000;

    /** Any string among an order's parameters. */
    public static final int MAX_STRING_LENGTH = 4_096;

    private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";

    /** Compiled schemas kept; each is small, an offering's revision is its key. */
    private static final int COMPILED_SCHEMAS = 10_000;

    /** An offering's revision: the schema it had then never changes, so its compiled form is kept. */
    public record Revision(UUID id, long revision) {}

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .regularExpressionFactory(Re2jRegularExpressions.INSTANCE)
                            .build())
                    // the meta-schemas come from the library's classpath; no IRI is ever fetched
                    .schemaLoader(loader -> loader.fetchRemoteResources(false)));
    private final Schema metaSchema = registry.getSchema(SchemaLocation.of(META_SCHEMA));
    private final Cache<Revision, Schema> compiled =
            Caffeine.newBuilder().maximumSize(COMPILED_SCHEMAS).build();
    private final JsonMapper json;

    public JsonSchemaChecks(JsonMapper json) {
        this.json = json;
    }

    /** What makes {@code schema} not a usable JSON Schema of an object; empty when it is one. */
    public List<Violation> problemsOfObjectSchema(String root, Map<String, Object> schema) {
        int size = json.writeValueAsString(schema).length();
        if (size > MAX_SCHEMA_CHARS) {
            return List.of(new Violation(
                    root, "the schema is larger than " + MAX_SCHEMA_CHARS + " characters (" + size + ")"));
        }
        JsonNode node = json.valueToTree(schema);
        List<Violation> problems = new ArrayList<>();
        new Bounds(problems).inspect(node, root, 0);
        if (!problems.isEmpty()) {
            return problems;
        }
        problems.addAll(toViolations(root, metaSchema.validate(node)));
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

    /**
     * What in {@code document} breaks {@code schema}, the schema of {@code revision}; empty when
     * nothing does. A string longer than {@value #MAX_STRING_LENGTH} characters is refused before the
     * schema runs.
     */
    public List<Violation> violations(
            String root, Revision revision, Map<String, Object> schema, Map<String, Object> document) {
        List<Violation> tooLong = new ArrayList<>();
        stringsTooLong(document, root, tooLong);
        if (!tooLong.isEmpty()) {
            return tooLong;
        }
        try {
            Schema checks = compiled.get(revision, key -> registry.getSchema(json.valueToTree(schema)));
            return toViolations(root, checks.validate(json.valueToTree(document)));
        } catch (SchemaException e) {
            // a schema stored before the import bounds (a reference outside itself): refused, not fetched
            return List.of(new Violation(root, "the offering's parameter schema cannot be applied: " + e.getMessage()));
        }
    }

    private static void stringsTooLong(Object value, String path, List<Violation> problems) {
        switch (value) {
            case String text
            when text.length() > MAX_STRING_LENGTH ->
                problems.add(new Violation(path, "longer than " + MAX_STRING_LENGTH + " characters"));
            case Map<?, ?> map -> map.forEach((key, item) -> stringsTooLong(item, path + "." + key, problems));
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    stringsTooLong(list.get(i), path + "." + i, problems);
                }
            }
            case null, default -> {
                // numbers, booleans, short strings
            }
        }
    }

    /** The import bounds of a schema: depth, references kept inside it, patterns RE2/J runs. */
    private static final class Bounds {
        private final List<Violation> problems;
        private int refs;

        Bounds(List<Violation> problems) {
            this.problems = problems;
        }

        void inspect(JsonNode node, String path, int depth) {
            if (depth > MAX_DEPTH) {
                problems.add(new Violation(path, "the schema is nested deeper than " + MAX_DEPTH + " levels"));
                return;
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    inspect(node.get(i), path + "." + i, depth + 1);
                }
                return;
            }
            for (var property : node.properties()) {
                String keyword = property.getKey();
                JsonNode value = property.getValue();
                String at = path + "." + keyword;
                switch (keyword) {
                    case "$ref", "$dynamicRef" -> reference(value, at);
                    case "$id" -> problems.add(new Violation(at, "$id is not allowed: the schema is one document"));
                    case "$schema" -> {
                        if (!META_SCHEMA.equals(value.asString(""))) {
                            problems.add(new Violation(at, "only " + META_SCHEMA + " is accepted"));
                        }
                    }
                    case "pattern" -> {
                        if (value.isString()) {
                            pattern(value.asString(), at);
                        }
                    }
                    case "patternProperties" -> value.propertyNames().forEach(regex -> pattern(regex, at));
                    default -> {
                        // any other keyword: its sub-schemas are inspected below
                    }
                }
                if (value.isContainer()) {
                    inspect(value, at, depth + 1);
                }
            }
        }

        private void reference(JsonNode value, String at) {
            if (++refs > MAX_REFS) {
                problems.add(new Violation(at, "more than " + MAX_REFS + " references"));
            } else if (!value.asString("").startsWith("#")) {
                problems.add(new Violation(
                        at, "only references inside the schema (#...) are allowed; nothing outside is fetched"));
            }
        }

        private void pattern(String regex, String at) {
            if (regex.length() > MAX_PATTERN_LENGTH) {
                problems.add(new Violation(at, "a pattern longer than " + MAX_PATTERN_LENGTH + " characters"));
                return;
            }
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                problems.add(new Violation(
                        at,
                        "a pattern the platform's linear-time engine cannot run (no back-references or look-around): "
                                + e.getDescription()));
            }
        }
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
