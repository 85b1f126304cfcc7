package fr.picloud.billing.chargeback.domain;

import fr.picloud.contracts.offering.PriceList;
import fr.picloud.pricing.PricingCalculator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every price version of every offering, as the catalogue published them. A version's
 * {@code effectiveFrom} date takes effect at 00:00 of that day in the billing time zone.
 */
public final class PriceBook {

    private final Map<UUID, List<PriceList>> byOffering;
    private final ZoneId zone;

    public PriceBook(Map<UUID, List<PriceList>> byOffering, ZoneId zone) {
        this.byOffering = Map.copyOf(byOffering);
        this.zone = zone;
    }

    public boolean knows(UUID offeringId) {
        return offeringId != null && byOffering.containsKey(offeringId);
    }

    /** The version in force at an instant, if any started by then. */
    public Optional<PriceList> inForceAt(UUID offeringId, Instant instant) {
        return PricingCalculator.inForceOn(
                byOffering.getOrDefault(offeringId, List.of()), LocalDate.ofInstant(instant, zone));
    }

    /** The instants strictly inside {@code [from, to)} where the offering's price changes. */
    public List<Instant> changesWithin(UUID offeringId, Instant from, Instant to) {
        return byOffering.getOrDefault(offeringId, List.of()).stream()
                .map(prices -> prices.effectiveFrom().atStartOfDay(zone).toInstant())
                .filter(change -> change.isAfter(from) && change.isBefore(to))
                .distinct()
                .sorted()
                .toList();
    }

    public ZoneId zone() {
        return zone;
    }
}
