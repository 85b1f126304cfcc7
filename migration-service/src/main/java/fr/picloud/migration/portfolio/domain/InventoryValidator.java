package fr.picloud.migration.portfolio.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns inventory rows into applications: each row is checked on its own (required fields, known
 * values, no negative size), then dependencies are checked against the applications already known
 * and those of the file that are valid. A row depending on a refused row is refused too, so what is
 * kept never points to an application that does not exist.
 */
public final class InventoryValidator {

    /** The inventory's columns (CSV header or JSON field names). */
    public static final List<String> FIELDS = List.of(
            "id",
            "name",
            "tenant",
            "criticality",
            "users",
            "hosting",
            "os",
            "osVersion",
            "middleware",
            "database",
            "vcpus",
            "ramGb",
            "storageGb",
            "dataSensitivity",
            "endOfSupport",
            "licenceConstraint",
            "dependencies",
            "monthlyCost",
            "costCenter");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern DEPENDENCY_SEPARATOR = Pattern.compile("[;,|\\s]+");

    /** A refused row: its number in the file, its id when it has one, the field and what is wrong. */
    public record RowError(long row, String applicationId, String field, String message) {}

    /**
     * @param received rows read
     * @param rejected rows refused; {@code errors} lists at most {@link #MAX_LISTED_ERRORS} of their reasons
     */
    public record Result(List<Application> accepted, List<RowError> errors, long received, long rejected) {}

    /** At most this many row errors are listed; the counts are always complete. */
    public static final int MAX_LISTED_ERRORS = 1_000;

    private InventoryValidator() {}

    public static Result validate(List<InventoryRow> rows, Set<String> knownIds) {
        Rows checked = new Rows(Integer.MAX_VALUE);
        rows.forEach(checked::add);
        return checked.result(knownIds);
    }

    /**
     * Rows checked one by one as they are read, so an inventory is never held whole: only the valid
     * applications are kept, at most {@code maxApplications} (the rows after them are refused), and
     * their dependencies are checked once the last row is in ({@link #result}).
     */
    public static final class Rows {
        private final int maxApplications;
        private final List<RowError> errors = new ArrayList<>();
        private final Map<String, Application> valid = new LinkedHashMap<>();
        private final Map<String, Long> rowOf = new HashMap<>();
        private long received;
        private long rejected;

        public Rows(int maxApplications) {
            this.maxApplications = maxApplications;
        }

        public long received() {
            return received;
        }

        public long rejected() {
            return rejected;
        }

        public void add(InventoryRow row) {
            received++;
            List<RowError> rowErrors = new ArrayList<>();
            Application application = null;
            if (valid.size() >= maxApplications) {
                rowErrors.add(new RowError(
                        row.number(),
                        row.get("id"),
                        "id",
                        "an inventory holds at most " + maxApplications + " applications: this row was not loaded"));
            } else {
                application = parse(row, rowErrors);
            }
            if (application != null && valid.containsKey(application.id())) {
                rowErrors.add(new RowError(
                        row.number(),
                        application.id(),
                        "id",
                        "appears twice in the file (first at row " + rowOf.get(application.id()) + ")"));
            }
            if (rowErrors.isEmpty() && application != null) {
                valid.put(application.id(), application);
                rowOf.put(application.id(), row.number());
            } else {
                refuse(rowErrors);
            }
        }

        /** The applications kept once every dependency is known, and the refused rows. */
        public Result result(Set<String> knownIds) {
            // refuse rows with unknown dependencies until none is left: a refusal may orphan another row
            boolean changed = true;
            while (changed) {
                changed = false;
                for (var iterator = valid.values().iterator(); iterator.hasNext(); ) {
                    Application application = iterator.next();
                    List<String> unknown = application.dependencies().stream()
                            .filter(dependency -> !valid.containsKey(dependency) && !knownIds.contains(dependency))
                            .toList();
                    if (!unknown.isEmpty()) {
                        refuse(List.of(new RowError(
                                rowOf.get(application.id()),
                                application.id(),
                                "dependencies",
                                "unknown application ids " + unknown
                                        + " (neither in the portfolio nor valid rows of this file)")));
                        iterator.remove();
                        changed = true;
                    }
                }
            }
            List<RowError> listed = new ArrayList<>(errors);
            listed.sort((a, b) -> Long.compare(a.row(), b.row()));
            return new Result(List.copyOf(valid.values()), List.copyOf(listed), received, rejected);
        }

        private void refuse(List<RowError> rowErrors) {
            rejected++;
            for (RowError error : rowErrors) {
                if (errors.size() < MAX_LISTED_ERRORS) {
                    errors.add(error);
                }
            }
        }
    }

    private static Application parse(InventoryRow row, List<RowError> errors) {
        String id = row.get("id");
        if (id == null) {
            errors.add(new RowError(row.number(), null, "id", "is required"));
        } else if (!ID.matcher(id).matches()) {
            errors.add(new RowError(row.number(), id, "id", "must be letters, digits, '.', '_' or '-' (64 at most)"));
        }
        Parser parser = new Parser(row, id, errors);
        String name = parser.required("name");
        String tenant = parser.required("tenant");
        var criticality = parser.enumValue("criticality", Application.Criticality.class, true);
        int users = parser.count("users", true);
        var hosting = parser.enumValue("hosting", Application.Hosting.class, true);
        String os = parser.required("os");
        int vcpus = parser.count("vcpus", true);
        int ramGb = parser.count("ramGb", true);
        int storageGb = parser.count("storageGb", true);
        var sensitivity = parser.enumValue("dataSensitivity", Application.DataSensitivity.class, false);
        LocalDate endOfSupport = parser.date("endOfSupport");
        BigDecimal monthlyCost = parser.amount("monthlyCost");
        List<String> dependencies = row.get("dependencies") == null
                ? List.of()
                : Arrays.stream(DEPENDENCY_SEPARATOR.split(row.get("dependencies")))
                        .filter(dependency -> !dependency.isBlank())
                        .distinct()
                        .toList();
        if (id != null && dependencies.contains(id)) {
            errors.add(new RowError(row.number(), id, "dependencies", "an application cannot depend on itself"));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new Application(
                id,
                name,
                tenant,
                criticality,
                users,
                hosting,
                os,
                row.get("osVersion"),
                row.get("middleware"),
                row.get("database"),
                vcpus,
                ramGb,
                storageGb,
                sensitivity == null ? Application.DataSensitivity.INTERNAL : sensitivity,
                endOfSupport,
                row.get("licenceConstraint"),
                dependencies,
                monthlyCost,
                row.get("costCenter"));
    }

    private record Parser(InventoryRow row, String id, List<RowError> errors) {

        String required(String field) {
            String value = row.get(field);
            if (value == null) {
                errors.add(new RowError(row.number(), id, field, "is required"));
            }
            return value;
        }

        int count(String field, boolean required) {
            String value = required ? required(field) : row.get(field);
            if (value == null) {
                return 0;
            }
            try {
                int number = Integer.parseInt(value);
                if (number < 0) {
                    errors.add(new RowError(row.number(), id, field, "must not be negative, was " + number));
                }
                return number;
            } catch (NumberFormatException e) {
                errors.add(new RowError(row.number(), id, field, "must be a whole number, was '" + value + "'"));
                return 0;
            }
        }

        BigDecimal amount(String field) {
            String value = row.get(field);
            if (value == null) {
                return BigDecimal.ZERO;
            }
            try {
                BigDecimal amount = new BigDecimal(value);
                if (amount.signum() < 0) {
                    errors.add(new RowError(row.number(), id, field, "must not be negative, was " + value));
                }
                return amount;
            } catch (NumberFormatException e) {
                errors.add(new RowError(row.number(), id, field, "must be an amount, was '" + value + "'"));
                return BigDecimal.ZERO;
            }
        }

        LocalDate date(String field) {
            String value = row.get(field);
            if (value == null) {
                return null;
            }
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                errors.add(new RowError(row.number(), id, field, "must be a date (YYYY-MM-DD), was '" + value + "'"));
                return null;
            }
        }

        <E extends Enum<E>> E enumValue(String field, Class<E> type, boolean required) {
            String value = required ? required(field) : row.get(field);
            if (value == null) {
                return null;
            }
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new RowError(
                        row.number(),
                        id,
                        field,
                        "must be one of " + Arrays.toString(type.getEnumConstants()) + ", was '" + value + "'"));
                return null;
            }
        }
    }
}
