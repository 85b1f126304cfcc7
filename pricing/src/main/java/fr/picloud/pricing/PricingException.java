package fr.picloud.pricing;

/**
 * The template, parameters or prices do not allow a price to be computed.
 *
 * <p>{@code field} names what to change: an order's parameter ({@code parameters.instanceCount}) when
 * the quantity came from one, otherwise the template's resource ({@code resourceTemplate.server.count}).
 */
public class PricingException extends RuntimeException {

    private final String field;

    public PricingException(String message) {
        this(message, "parameters");
    }

    public PricingException(String message, String field) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
