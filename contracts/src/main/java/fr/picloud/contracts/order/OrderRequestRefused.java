package fr.picloud.contracts.order;

import fr.picloud.contracts.Event;
import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A {@link PlaceOrderRequested} could not become an order (unknown tenant or offering, parameters
 * outside the offering's schema, quota exceeded...): no order exists under its id. Not an
 * {@link OrderEvent}, since no order's life began.
 *
 * @param violations the broken rules, each naming the field concerned; empty when the reason says it all
 */
@MessageType(type = "picloud.order.request-refused", version = 1, topic = Topics.ORDERS)
public record OrderRequestRefused(UUID orderId, String tenant, String reason, List<Violation> violations)
        implements Event {

    public OrderRequestRefused {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(reason, "reason");
        violations = List.copyOf(Objects.requireNonNullElse(violations, List.of()));
    }

    /** One broken rule and the field it concerns (a parameter's JSON pointer, or a request field). */
    public record Violation(String field, String message) {}

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
