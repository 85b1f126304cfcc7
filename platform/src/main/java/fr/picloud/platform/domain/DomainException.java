package fr.picloud.platform.domain;

/**
 * A business rule said no. Plain Java so domain code can throw it without importing a framework;
 * the web layer turns each kind into its problem detail status.
 */
public abstract class DomainException extends RuntimeException {

    private final String field;

    protected DomainException(String message, String field) {
        super(message);
        this.field = field;
    }

    /** The request field the problem is about, or {@code null}. */
    public String field() {
        return field;
    }
}
