package fr.picloud.platform.domain;

import java.util.List;

/** Input that breaks several rules at once (a schema's violations, say), each naming its field (422). */
public class InvalidInputException extends DomainException {

    /** One broken rule and the field it concerns (a JSON pointer or dotted path). */
    public record Violation(String field, String message) {}

    private final List<Violation> violations;

    public InvalidInputException(String message, List<Violation> violations) {
        super(message, null);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
