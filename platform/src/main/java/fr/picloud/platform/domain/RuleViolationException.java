package fr.picloud.platform.domain;

/** The request is well-formed but breaks a business rule (422). */
public class RuleViolationException extends DomainException {

    public RuleViolationException(String message, String field) {
        super(message, field);
    }
}
