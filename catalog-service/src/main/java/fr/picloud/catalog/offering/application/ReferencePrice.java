package fr.picloud.catalog.offering.application;

import fr.picloud.catalog.offering.domain.Offering;
import fr.picloud.contracts.offering.PriceList;
import fr.picloud.pricing.Footprint;
import fr.picloud.pricing.PricingCalculator;
import fr.picloud.pricing.PricingException;
import fr.picloud.pricing.QuantityCeilings;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An offering's reference price, the one a price-range search files it under: the monthly quote of an
 * order with the reference parameters of its schema, at the price list in force on a day.
 *
 * <p>An offering has rates per unit (vCPU-hour, GB-month...), not one price; the reference is what the
 * order form quotes before anyone changes a field: each parameter at its {@code default}, else its
 * {@code const}, else the first value of its {@code enum}, else its {@code minimum}; a parameter with
 * none of these is left out, as a blank field would be.
 *
 * @param monthly the reference monthly price, in euros to the cent; empty when no price list is in
 *     force that day or the reference parameters cannot be priced (the offering is then in no price range)
 * @param changesOn the day a later price list comes into force, when the price must be worked out again
 */
public record ReferencePrice(Optional<BigDecimal> monthly, Optional<LocalDate> changesOn) {

    public static ReferencePrice of(Offering offering, LocalDate day, QuantityCeilings ceilings) {
        Optional<LocalDate> changesOn = offering.priceLists().stream()
                .map(PriceList::effectiveFrom)
                .filter(from -> from.isAfter(day))
                .min(LocalDate::compareTo);
        Optional<PriceList> prices = offering.priceInForce(day);
        if (prices.isEmpty()) {
            return new ReferencePrice(Optional.empty(), changesOn);
        }
        Map<String, Object> parameters = parameters(offering.details().parameterSchema());
        try {
            Footprint footprint = Footprint.of(offering.details().resourceTemplate(), parameters, ceilings);
            return new ReferencePrice(
                    Optional.of(PricingCalculator.monthlyQuote(prices.get(), footprint)
                            .monthlyTotal()),
                    changesOn);
        } catch (PricingException | IllegalArgumentException e) {
            // the defaults do not make a buildable order (a flavor left blank, say): no reference price
            return new ReferencePrice(Optional.empty(), changesOn);
        }
    }

    /** The parameters of an order form left as it opens: see the class comment. */
    static Map<String, Object> parameters(Map<String, Object> schema) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (!(schema.get("properties") instanceof Map<?, ?> properties)) {
            return parameters;
        }
        properties.forEach((name, declared) -> {
            if (declared instanceof Map<?, ?> property) {
                reference(property).ifPresent(value -> parameters.put(String.valueOf(name), value));
            }
        });
        return parameters;
    }

    private static Optional<Object> reference(Map<?, ?> property) {
        if (property.get("default") != null) {
            return Optional.of(property.get("default"));
        }
        if (property.get("const") != null) {
            return Optional.of(property.get("const"));
        }
        if (property.get("enum") instanceof List<?> values && !values.isEmpty() && values.getFirst() != null) {
            return Optional.of(values.getFirst());
        }
        return Optional.ofNullable(property.get("minimum"));
    }
}
