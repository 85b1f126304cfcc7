package fr.picloud.platform.messaging;

import java.util.Optional;
import org.slf4j.MDC;

/**
 * The correlation of the work the current thread is doing: set by the HTTP filter for a request and
 * by the inbound event processor for a consumed event, read by {@link EventPublisher} so every event
 * carries the order id and the id of what caused it.
 */
public final class MessageContext {

    public static final String MDC_CORRELATION_ID = "correlationId";

    private static final ThreadLocal<Correlation> CURRENT = new ThreadLocal<>();

    private MessageContext() {}

    /**
     * @param correlationId the order id (or originating request id) the work serves
     * @param causationId the id of the request or event that caused the work
     */
    public record Correlation(String correlationId, String causationId) {}

    public static Optional<Correlation> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Binds a correlation until the returned scope is closed; scopes nest. */
    public static Scope open(String correlationId, String causationId) {
        Correlation previous = CURRENT.get();
        CURRENT.set(new Correlation(correlationId, causationId));
        String previousMdc = MDC.get(MDC_CORRELATION_ID);
        MDC.put(MDC_CORRELATION_ID, correlationId);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
            if (previousMdc == null) {
                MDC.remove(MDC_CORRELATION_ID);
            } else {
                MDC.put(MDC_CORRELATION_ID, previousMdc);
            }
        };
    }

    /** A bound correlation; closing it restores the one before. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
