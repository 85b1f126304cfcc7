package fr.picloud.portal.services;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A service's refusal as its RFC 9457 problem detail says it: the status, the title and detail to show,
 * and the violations per field ({@code parameters.diskGb}), which a form shows beside its inputs.
 */
public class ServiceProblem extends RuntimeException {

    /** The body of a problem detail, as far as the portal reads it. */
    public record Body(String type, String title, String detail, Integer status, List<FieldError> errors) {}

    public record FieldError(String field, String message) {}

    private final int status;
    private final Body body;

    public ServiceProblem(int status, Body body) {
        super(status + " " + (body == null ? "" : body.title() + ": " + body.detail()));
        this.status = status;
        this.body = body == null ? new Body(null, null, null, status, List.of()) : body;
    }

    public int status() {
        return status;
    }

    /** What to tell the user: the service's detail, else its title. */
    public String detail() {
        return Objects.requireNonNullElse(body.detail(), Objects.requireNonNullElse(body.title(), ""));
    }

    /**
     * The violations under {@code prefix} ({@code "parameters."}) by the field below it; violations of
     * the object itself (a required property missing) are under the empty name.
     */
    public Map<String, String> fieldErrors(String prefix) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError error : Objects.requireNonNullElse(body.errors(), List.<FieldError>of())) {
            String field = error.field() == null ? "" : error.field();
            String name = field.startsWith(prefix) ? field.substring(prefix.length()) : field;
            if (field.equals(prefix.replaceFirst("\\.$", ""))) {
                name = "";
            }
            errors.merge(name, error.message(), (first, second) -> first + "; " + second);
        }
        return errors;
    }
}
