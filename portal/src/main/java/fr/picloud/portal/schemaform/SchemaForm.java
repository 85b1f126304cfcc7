package fr.picloud.portal.schemaform;

import fr.picloud.portal.schemaform.FormField.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An order form generated from an offering's parameter schema (JSON Schema draft 2020-12): one input
 * per property, in the schema's order. It renders what a flat object of strings, numbers and booleans
 * needs ({@link #SUPPORTED_ROOT_KEYWORDS}, {@link #SUPPORTED_PROPERTY_KEYWORDS}) and refuses anything else
 * with a message naming the keyword and where it is: a form that silently dropped a constraint would
 * let an agent type what the service then refuses without saying why.
 *
 * <p>The form only helps: the service checks the parameters against the schema itself, and its
 * violations are shown beside the inputs.
 */
public record SchemaForm(List<FormField> fields) {

    public static final Set<String> SUPPORTED_ROOT_KEYWORDS = Set.of(
            "$schema",
            "$id",
            "$comment",
            "title",
            "description",
            "type",
            "properties",
            "required",
            "additionalProperties");
    public static final Set<String> SUPPORTED_PROPERTY_KEYWORDS = Set.of(
            "$comment",
            "type",
            "title",
            "description",
            "enum",
            "default",
            "minimum",
            "maximum",
            "minLength",
            "maxLength",
            "pattern",
            "examples");

    public SchemaForm {
        fields = List.copyOf(fields);
    }

    /** Reads a parameter schema; throws {@link UnsupportedSchemaException} for what it cannot render. */
    public static SchemaForm of(Map<String, Object> schema) {
        requireOnly(schema.keySet(), SUPPORTED_ROOT_KEYWORDS, "");
        Object rootType = schema.get("type");
        if (rootType != null && !"object".equals(rootType)) {
            throw new UnsupportedSchemaException("/type", "type", "the parameters of an order are an object");
        }
        Object additional = schema.get("additionalProperties");
        if (additional != null && !Boolean.FALSE.equals(additional) && !Boolean.TRUE.equals(additional)) {
            throw new UnsupportedSchemaException(
                    "/additionalProperties", "additionalProperties", "a form has a fixed list of inputs");
        }
        Set<String> required = new TreeSet<>(strings(schema.get("required"), "/required", "required"));
        Map<String, Object> properties = object(schema.getOrDefault("properties", Map.of()), "/properties");
        List<FormField> fields = new ArrayList<>();
        properties.forEach((name, property) ->
                fields.add(field(name, object(property, "/properties/" + name), required.contains(name))));
        for (String name : required) {
            if (!properties.containsKey(name)) {
                throw new UnsupportedSchemaException(
                        "/required", "required", "\"" + name + "\" is required but has no property to enter it");
            }
        }
        return new SchemaForm(fields);
    }

    private static FormField field(String name, Map<String, Object> property, boolean required) {
        String at = "/properties/" + name;
        requireOnly(property.keySet(), SUPPORTED_PROPERTY_KEYWORDS, at);
        Type type = type(property.get("type"), at);
        List<String> options =
                property.containsKey("enum") ? enumOptions(property.get("enum"), type, at + "/enum") : List.of();
        if (type != Type.STRING
                && (property.containsKey("minLength")
                        || property.containsKey("maxLength")
                        || property.containsKey("pattern"))) {
            throw new UnsupportedSchemaException(
                    at, "minLength/maxLength/pattern", "only a string has a length or a pattern");
        }
        boolean numeric = type == Type.INTEGER || type == Type.NUMBER;
        if (!numeric && (property.containsKey("minimum") || property.containsKey("maximum"))) {
            throw new UnsupportedSchemaException(at, "minimum/maximum", "only a number has bounds");
        }
        Object defaultValue = property.get("default");
        if (defaultValue != null) {
            checkValue(defaultValue, type, at + "/default", "default");
        }
        return new FormField(
                name,
                type,
                text(property.get("title"), at + "/title"),
                text(property.get("description"), at + "/description"),
                required,
                options,
                number(property.get("minimum"), at + "/minimum"),
                number(property.get("maximum"), at + "/maximum"),
                whole(property.get("minLength"), at + "/minLength"),
                whole(property.get("maxLength"), at + "/maxLength"),
                text(property.get("pattern"), at + "/pattern"),
                defaultValue == null ? null : String.valueOf(defaultValue));
    }

    /**
     * The order's parameters from the submitted form: each input's text as its property's JSON type. A
     * blank input is left out (the service then says it is required, if it is); an unchecked checkbox
     * is false; a text that is not a number is sent as it is, for the service to name the error.
     */
    public Map<String, Object> parameters(Map<String, String> submitted) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (FormField field : fields) {
            String text = Optional.ofNullable(submitted.get(field.name()))
                    .map(String::strip)
                    .orElse("");
            if (field.isCheckbox()) {
                parameters.put(field.name(), text.equals("true") || text.equals("on"));
            } else if (!text.isEmpty()) {
                parameters.put(field.name(), value(text, field.type()));
            }
        }
        return parameters;
    }

    /** The form's values before the agent changes anything: the schema's defaults. */
    public Map<String, String> defaults() {
        Map<String, String> values = new LinkedHashMap<>();
        fields.stream()
                .filter(field -> field.defaultValue() != null)
                .forEach(field -> values.put(field.name(), field.defaultValue()));
        return values;
    }

    private static Object value(String text, Type type) {
        try {
            return switch (type) {
                case INTEGER -> new BigDecimal(text).toBigIntegerExact();
                case NUMBER -> new BigDecimal(text);
                case BOOLEAN -> Boolean.parseBoolean(text);
                case STRING -> text;
            };
        } catch (ArithmeticException | NumberFormatException e) {
            return text;
        }
    }

    private static void requireOnly(Collection<String> keywords, Set<String> supported, String at) {
        for (String keyword : keywords) {
            if (!supported.contains(keyword)) {
                throw new UnsupportedSchemaException(
                        at.isEmpty() ? "/" : at, keyword, "supported here: " + new TreeSet<>(supported));
            }
        }
    }

    private static Type type(Object type, String at) {
        if (!(type instanceof String name)) {
            throw new UnsupportedSchemaException(
                    at + "/type", "type", "each property needs one type: string, integer, number or boolean");
        }
        return switch (name) {
            case "string" -> Type.STRING;
            case "integer" -> Type.INTEGER;
            case "number" -> Type.NUMBER;
            case "boolean" -> Type.BOOLEAN;
            default ->
                throw new UnsupportedSchemaException(
                        at + "/type", "type", "\"" + name + "\" is not one of string, integer, number, boolean");
        };
    }

    private static List<String> enumOptions(Object values, Type type, String at) {
        if (!(values instanceof List<?> list) || list.isEmpty()) {
            throw new UnsupportedSchemaException(at, "enum", "an enum is a non-empty list of values");
        }
        list.forEach(value -> checkValue(value, type, at, "enum"));
        return list.stream().map(String::valueOf).toList();
    }

    private static void checkValue(Object value, Type type, String at, String keyword) {
        boolean fits = switch (type) {
            case STRING -> value instanceof String;
            case INTEGER -> value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger;
            case NUMBER -> value instanceof Number;
            case BOOLEAN -> value instanceof Boolean;
        };
        if (!fits) {
            throw new UnsupportedSchemaException(
                    at, keyword, value + " is not a " + type.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String at) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new UnsupportedSchemaException(at, at.substring(at.lastIndexOf('/') + 1), "must be an object");
        }
        return (Map<String, Object>) map;
    }

    private static List<String> strings(Object value, String at, String keyword) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new UnsupportedSchemaException(at, keyword, "must be a list of property names");
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static String text(Object value, String at) {
        if (value != null && !(value instanceof String)) {
            throw new UnsupportedSchemaException(at, at.substring(at.lastIndexOf('/') + 1), "must be a string");
        }
        return (String) value;
    }

    private static BigDecimal number(Object value, String at) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number)) {
            throw new UnsupportedSchemaException(at, at.substring(at.lastIndexOf('/') + 1), "must be a number");
        }
        return new BigDecimal(number.toString());
    }

    private static Integer whole(Object value, String at) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer integer) || integer < 0) {
            throw new UnsupportedSchemaException(
                    at, at.substring(at.lastIndexOf('/') + 1), "must be a non-negative integer");
        }
        return integer;
    }
}
