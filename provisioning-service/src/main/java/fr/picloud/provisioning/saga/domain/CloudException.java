package fr.picloud.provisioning.saga.domain;

/**
 * A call to the cloud failed. {@code retryable}: the same call may succeed later (5xx, timeout,
 * connection error, 429, a 409 of a resource still changing state); otherwise the request itself is
 * wrong (an unknown flavor or image, a quota exceeded, an answer the API does not document) and the
 * step fails for good.
 */
public class CloudException extends RuntimeException {

    private final boolean retryable;

    public CloudException(boolean retryable, String message) {
        super(message);
        this.retryable = retryable;
    }

    public CloudException(boolean retryable, String message, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
