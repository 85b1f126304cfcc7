package fr.picloud.contracts.order;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The price an order was placed at: the monthly estimate of the shared pricing module at the price
 * list in force on the day of the order.
 */
public record OrderQuote(String currency, int priceListVersion, BigDecimal monthlyTotal, BigDecimal oneTimeFees) {

    public OrderQuote {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(monthlyTotal, "monthlyTotal");
        Objects.requireNonNull(oneTimeFees, "oneTimeFees");
    }
}
