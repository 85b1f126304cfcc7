package fr.picloud.portal.schemaform;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One input of an order form, read from one property of an offering's parameter schema.
 *
 * @param name the property, which is also the input's name
 * @param type the property's JSON type, which says how the input's text becomes a value
 * @param title the schema's {@code title}, else null (the page then labels it from its message bundle or name)
 * @param description the schema's {@code description} (help text), else null
 * @param options the allowed values of an {@code enum}, shown as a select; empty otherwise
 * @param minimum inclusive lower bound of a number, else null
 * @param maximum inclusive upper bound of a number, else null
 * @param defaultValue the schema's {@code default} as the input shows it, else null
 */
public record FormField(
        String name,
        Type type,
        String title,
        String description,
        boolean required,
        List<String> options,
        BigDecimal minimum,
        BigDecimal maximum,
        Integer minLength,
        Integer maxLength,
        String pattern,
        String defaultValue) {

    /** The JSON types a form input can hold. */
    public enum Type {
        STRING,
        INTEGER,
        NUMBER,
        BOOLEAN
    }

    public FormField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        options = List.copyOf(options);
    }

    /** The HTML input type. */
    public String inputType() {
        return switch (type) {
            case INTEGER, NUMBER -> "number";
            case BOOLEAN -> "checkbox";
            case STRING -> "text";
        };
    }

    /** The HTML {@code step}: whole numbers for integers, any for decimals. */
    public String step() {
        return type == Type.INTEGER ? "1" : "any";
    }

    public boolean isSelect() {
        return !options.isEmpty();
    }

    public boolean isCheckbox() {
        return type == Type.BOOLEAN && options.isEmpty();
    }
}
