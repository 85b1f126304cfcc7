package fr.picloud.contracts.offering;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * One version of an offering's prices, in force from a date until the next version. A price change
 * is a new version; a version once in force is never rewritten.
 *
 * @param rates EUR per unit, exact decimals
 */
public record PriceList(int version, LocalDate effectiveFrom, String currency, Map<PriceUnit, BigDecimal> rates) {

    public PriceList {
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(currency, "currency");
        rates = Map.copyOf(Objects.requireNonNull(rates, "rates"));
    }

    public BigDecimal rate(PriceUnit unit) {
        return rates.getOrDefault(unit, BigDecimal.ZERO);
    }
}
