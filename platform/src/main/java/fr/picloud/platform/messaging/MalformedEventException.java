package fr.picloud.platform.messaging;

/**
 * A consumed message that can never be processed (unreadable envelope or payload). It is not
 * retried: the binder sends it to the dead-letter topic with the failure in its headers and the
 * partition moves on.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
