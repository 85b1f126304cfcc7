package fr.picloud.migration.assessment.domain;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A test of one fact of an application, written as data: {@code {"fact": "hosting", "op": "eq",
 * "value": "VM"}}. A missing fact (no end-of-support date, say) satisfies only {@code absent}.
 *
 * @param op eq, ne, in, notIn, lt, lte, gt, gte, contains (text, ignoring case), present, absent
 */
public record Condition(String fact, String op, Object value) {

    public static final Set<String> OPERATORS =
            Set.of("eq", "ne", "in", "notIn", "lt", "lte", "gt", "gte", "contains", "present", "absent");

    public Condition {
        Objects.requireNonNull(fact, "fact");
        Objects.requireNonNull(op, "op");
    }

    public boolean holds(Map<String, Object> facts) {
        Object actual = facts.get(fact);
        if (op.equals("absent")) {
            return actual == null;
        }
        if (actual == null) {
            return false;
        }
        return switch (op) {
            case "present" -> true;
            case "eq" -> same(actual, value);
            case "ne" -> !same(actual, value);
            case "in" ->
                value instanceof Collection<?> options && options.stream().anyMatch(o -> same(actual, o));
            case "notIn" ->
                value instanceof Collection<?> options && options.stream().noneMatch(o -> same(actual, o));
            case "lt" -> comparable(actual) && compare(actual) < 0;
            case "lte" -> comparable(actual) && compare(actual) <= 0;
            case "gt" -> comparable(actual) && compare(actual) > 0;
            case "gte" -> comparable(actual) && compare(actual) >= 0;
            case "contains" ->
                String.valueOf(actual)
                        .toLowerCase(Locale.ROOT)
                        .contains(String.valueOf(value).toLowerCase(Locale.ROOT));
            default -> false;
        };
    }

    /** What a model author wrote wrong in this condition, if anything. */
    public List<String> problems(Set<String> knownFacts) {
        if (!knownFacts.contains(fact)) {
            return List.of("unknown fact '" + fact + "'; known: "
                    + knownFacts.stream().sorted().toList());
        }
        if (!OPERATORS.contains(op)) {
            return List.of("unknown operator '" + op + "'; known: "
                    + OPERATORS.stream().sorted().toList());
        }
        if ((op.equals("in") || op.equals("notIn")) && !(value instanceof Collection<?>)) {
            return List.of("operator " + op + " needs a list value");
        }
        if (Set.of("lt", "lte", "gt", "gte").contains(op) && !(value instanceof Number)) {
            return List.of("operator " + op + " needs a number value");
        }
        return List.of();
    }

    /** The condition with the application's actual value, for an explanation. */
    public String evidence(Map<String, Object> facts) {
        return fact + " = " + facts.get(fact);
    }

    private static boolean same(Object actual, Object expected) {
        if (actual instanceof Number a && expected instanceof Number e) {
            return a.doubleValue() == e.doubleValue();
        }
        if (actual instanceof Boolean || expected instanceof Boolean) {
            return String.valueOf(actual).equalsIgnoreCase(String.valueOf(expected));
        }
        return String.valueOf(actual).equalsIgnoreCase(String.valueOf(expected));
    }

    private boolean comparable(Object actual) {
        return actual instanceof Number && value instanceof Number;
    }

    private int compare(Object actual) {
        return Double.compare(((Number) actual).doubleValue(), ((Number) value).doubleValue());
    }
}
