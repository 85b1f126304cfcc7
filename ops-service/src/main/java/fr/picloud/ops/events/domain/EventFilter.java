package fr.picloud.ops.events.domain;

/**
 * What an operator wants to see of the event stream; a blank criterion lets everything through.
 *
 * @param type an exact type ({@code picloud.order.placed}) or a prefix ending in {@code *}
 *     ({@code picloud.provisioning.saga-*})
 * @param orderId matched against the correlation id (everything an order caused) and the subject
 *     (the order's own events)
 */
public record EventFilter(String type, String tenant, String orderId) {

    public static final EventFilter ALL = new EventFilter(null, null, null);

    public EventFilter {
        type = blankToNull(type);
        tenant = blankToNull(tenant);
        orderId = blankToNull(orderId);
    }

    public boolean matches(PlatformEvent event) {
        return matchesType(event.type())
                && (tenant == null || tenant.equals(event.tenant()))
                && (orderId == null || orderId.equals(event.correlationId()) || orderId.equals(event.subject()));
    }

    private boolean matchesType(String eventType) {
        if (type == null) {
            return true;
        }
        if (type.endsWith("*")) {
            return eventType.startsWith(type.substring(0, type.length() - 1));
        }
        return type.equals(eventType);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
