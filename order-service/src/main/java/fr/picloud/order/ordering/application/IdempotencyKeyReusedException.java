package fr.picloud.order.ordering.application;

import fr.picloud.platform.domain.DomainException;

/** An idempotency key already placed an order with a different request (409). */
public class IdempotencyKeyReusedException extends DomainException {

    public IdempotencyKeyReusedException(String message) {
        super(message, "Idempotency-Key");
    }
}
