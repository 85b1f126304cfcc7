package fr.picloud.platform.domain;

/** The move is not allowed from the current state (409). */
public class IllegalTransitionException extends DomainException {

    public IllegalTransitionException(String message) {
        super(message, null);
    }
}
