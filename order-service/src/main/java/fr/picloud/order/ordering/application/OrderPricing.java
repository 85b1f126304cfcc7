package fr.picloud.order.ordering.application;

import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.contracts.offering.PriceList;
import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.contracts.order.OrderQuote;
import fr.picloud.order.tenant.domain.QuotaAmounts;
import fr.picloud.platform.domain.InvalidInputException;
import fr.picloud.platform.domain.InvalidInputException.Violation;
import fr.picloud.platform.domain.RuleViolationException;
import fr.picloud.pricing.Footprint;
import fr.picloud.pricing.PricingCalculator;
import fr.picloud.pricing.PricingException;
import fr.picloud.pricing.QuantityCeilings;
import fr.picloud.pricing.TemplateBinder;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What an order of an offering with given parameters builds, costs and reserves, computed with the
 * shared pricing module from the replica: the same quote the catalogue gives.
 */
record OrderPricing(ResourceTemplate boundTemplate, OrderQuote quote, QuotaAmounts claim) {

    static OrderPricing of(
            OfferingState offering, Map<String, Object> parameters, QuantityCeilings ceilings, LocalDate today) {
        PriceList prices = offering.priceLists().stream()
                .filter(priceList -> !priceList.effectiveFrom().isAfter(today))
                .reduce((earlier, later) -> later)
                .orElseThrow(() -> new RuleViolationException(
                        "offering " + offering.code() + " has no price in force on " + today, "offeringId"));
        try {
            ResourceTemplate bound = TemplateBinder.bind(offering.resourceTemplate(), parameters);
            Footprint footprint = Footprint.of(offering.resourceTemplate(), parameters, ceilings);
            PricingCalculator.Quote quote = PricingCalculator.monthlyQuote(prices, footprint);
            // within the ceilings, which are ints (QuantityCeilings), every total fits a quota's int
            return new OrderPricing(
                    bound,
                    new OrderQuote(
                            quote.currency(), quote.priceListVersion(), quote.monthlyTotal(), quote.oneTimeFees()),
                    new QuotaAmounts(
                            Math.toIntExact(footprint.vcpus()),
                            Math.toIntExact(footprint.ramGb()),
                            Math.toIntExact(footprint.volumeGb()),
                            Math.toIntExact(footprint.instances()),
                            Math.toIntExact(footprint.floatingIps()),
                            quote.monthlyTotal()));
        } catch (PricingException e) {
            throw new InvalidInputException(
                    "the parameters cannot be priced", List.of(new Violation(e.field(), e.getMessage())));
        } catch (IllegalArgumentException e) {
            throw new RuleViolationException(e.getMessage(), "parameters");
        }
    }
}
