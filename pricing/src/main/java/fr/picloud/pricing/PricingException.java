package fr.picloud.pricing;

/** The template, parameters or prices do not allow a price to be computed. */
public class PricingException extends RuntimeException {

    public PricingException(String message) {
        super(message);
    }
}
