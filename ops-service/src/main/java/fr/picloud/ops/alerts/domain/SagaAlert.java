package fr.picloud.ops.alerts.domain;

import java.time.Instant;

/**
 * Something about a saga an operator must act on.
 *
 * @param since when the saga started (stuck) or its compensation failed
 * @param detail the failure's reason, or what the saga was doing
 */
public record SagaAlert(Kind kind, String orderId, String sagaId, String tenant, Instant since, String detail) {

    public enum Kind {
        /** started, and no end event long after: the saga engine may be down or a step hangs */
        STUCK_SAGA,
        /** resources were left behind and no later compensation succeeded */
        COMPENSATION_FAILED
    }
}
