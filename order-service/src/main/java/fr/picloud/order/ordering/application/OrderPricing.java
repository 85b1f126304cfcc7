package fr.picloud.order.ordering.application;

import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.contracts.offering.PriceList;
import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.contracts.order.OrderQuote;
import fr.picloud.order.tenant.domain.QuotaAmounts;
import fr.picloud.platform.domain.RuleViolationException;
import fr.picloud.pricing.Footprint;
import fr.picloud.pricing.PricingCalculator;
import fr.picloud.pricing.PricingException;
import fr.picloud.pricing.TemplateBinder;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * What an order of an offering with given parameters builds, costs and reserves, computed with the
 * shared pricing module from the replica: the same quote the catalogue gives.
 */
record OrderPricing(ResourceTemplate boundTemplate, OrderQuote quote, QuotaAmounts claim) {

    static OrderPricing of(OfferingState offering, Map<String, Object> parameters, LocalDate today) {
        PriceList prices = offering.priceLists().stream()
                .filter(priceList -> !priceList.effectiveFrom().isAfter(today))
                .reduce((earlier, later) -> later)
                .orElseThrow(() -> new RuleViolationException(
                        "offering " + offering.code() + " has no price in force on " + today, "offeringId"));
        try {
            ResourceTemplate bound = TemplateBinder.bind(offering.resourceTemplate(), parameters);
            Footprint footprint = Footprint.of(bound);
            PricingCalculator.Quote quote = PricingCalculator.monthlyQuote(prices, footprint);
            return new OrderPricing(
                    bound,
                    new OrderQuote(
                            quote.currency(), quote.priceListVersion(), quote.monthlyTotal(), quote.oneTimeFees()),
                    new QuotaAmounts(
                            footprint.vcpus(),
                            footprint.ramGb(),
                            footprint.volumeGb(),
                            instances(bound),
                            footprint.floatingIps(),
                            quote.monthlyTotal()));
        } catch (PricingException | IllegalArgumentException e) {
            throw new RuleViolationException(e.getMessage(), "parameters");
        }
    }

    /** Servers count as instances, each as many times as its count says. */
    private static int instances(ResourceTemplate bound) {
        int instances = 0;
        for (ResourceTemplate.Resource resource : bound.resources()) {
            if ("server".equals(resource.kind())) {
                try {
                    instances += new BigDecimal(String.valueOf(resource.count())).intValueExact();
                } catch (NumberFormatException | ArithmeticException e) {
                    throw new PricingException(
                            resource.name() + ".count must be a whole number, was " + resource.count());
                }
            }
        }
        return instances;
    }
}
