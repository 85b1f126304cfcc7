package fr.picloud.catalog.offering.domain;

import fr.picloud.contracts.offering.OfferingDeprecated;
import fr.picloud.contracts.offering.OfferingEvent;
import fr.picloud.contracts.offering.OfferingPriceChanged;
import fr.picloud.contracts.offering.OfferingPublished;
import fr.picloud.contracts.offering.OfferingRetired;
import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.contracts.offering.OfferingUpdated;
import fr.picloud.contracts.offering.PriceList;
import fr.picloud.contracts.offering.PriceUnit;
import fr.picloud.platform.domain.IllegalTransitionException;
import fr.picloud.platform.domain.RuleViolationException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Something agents can order from the catalogue. Lifecycle DRAFT -> PUBLISHED -> DEPRECATED ->
 * RETIRED; only PUBLISHED can be newly ordered. Each visible change raises the revision and returns
 * the event carrying the offering's full new state; a draft's changes are nobody else's business.
 */
public final class Offering {

    private final UUID id;
    private OfferingDetails details;
    private OfferingStatus status;
    private long revision;
    private final List<PriceList> priceLists;

    private Offering(
            UUID id, OfferingDetails details, OfferingStatus status, long revision, List<PriceList> priceLists) {
        this.id = Objects.requireNonNull(id);
        this.details = Objects.requireNonNull(details);
        this.status = Objects.requireNonNull(status);
        this.revision = revision;
        this.priceLists = new ArrayList<>(priceLists);
        this.priceLists.sort(Comparator.comparing(PriceList::effectiveFrom));
    }

    public static Offering draft(OfferingDetails details) {
        return new Offering(UUID.randomUUID(), details, OfferingStatus.DRAFT, 0, List.of());
    }

    public static Offering restore(
            UUID id, OfferingDetails details, OfferingStatus status, long revision, List<PriceList> priceLists) {
        return new Offering(id, details, status, revision, priceLists);
    }

    /** Changes a draft; nothing is published about a draft. */
    public void updateDraft(OfferingDetails newDetails) {
        requireStatus(OfferingStatus.DRAFT, "updated through the API");
        requireSameCode(newDetails);
        details = newDetails;
        revision++;
    }

    /**
     * Takes a provider feed's new description of the offering. Returns the update event, or nothing
     * when the offering is a draft or nothing changed.
     */
    public Optional<OfferingEvent> revise(OfferingDetails newDetails) {
        if (status == OfferingStatus.RETIRED) {
            throw new IllegalTransitionException("offering " + details.code() + " is RETIRED and cannot change");
        }
        requireSameCode(newDetails);
        if (details.equals(newDetails)) {
            return Optional.empty();
        }
        details = newDetails;
        revision++;
        return status == OfferingStatus.DRAFT ? Optional.empty() : Optional.of(new OfferingUpdated(state()));
    }

    /** Makes a draft orderable; it needs a price in force today. */
    public OfferingEvent publish(LocalDate today) {
        requireStatus(OfferingStatus.DRAFT, "published");
        if (priceInForce(today).isEmpty()) {
            throw new RuleViolationException(
                    "offering " + details.code() + " has no price in force on " + today + ": add a price list first",
                    "priceLists");
        }
        status = OfferingStatus.PUBLISHED;
        revision++;
        return new OfferingPublished(state());
    }

    /** Stops new orders; running services stay billable. */
    public OfferingEvent deprecate() {
        requireStatus(OfferingStatus.PUBLISHED, "deprecated");
        status = OfferingStatus.DEPRECATED;
        revision++;
        return new OfferingDeprecated(state());
    }

    public OfferingEvent retire() {
        if (status != OfferingStatus.PUBLISHED && status != OfferingStatus.DEPRECATED) {
            throw new IllegalTransitionException("offering " + details.code() + " is " + status
                    + ", only a PUBLISHED or DEPRECATED one can be retired");
        }
        status = OfferingStatus.RETIRED;
        revision++;
        return new OfferingRetired(state());
    }

    /**
     * Adds a price version in force from {@code effectiveFrom}, never before today nor before the
     * latest version: a price change never rewrites the past.
     */
    public Optional<OfferingEvent> changePrices(
            Map<PriceUnit, BigDecimal> rates, LocalDate effectiveFrom, LocalDate today) {
        if (status == OfferingStatus.RETIRED) {
            throw new IllegalTransitionException(
                    "offering " + details.code() + " is RETIRED and has no prices any more");
        }
        rates.forEach((unit, rate) -> {
            if (rate == null || rate.signum() < 0) {
                throw new RuleViolationException(
                        "rate " + unit + " must be zero or more, was " + rate, "rates." + unit);
            }
        });
        if (effectiveFrom.isBefore(today)) {
            throw new RuleViolationException(
                    "a price list cannot take effect in the past (" + effectiveFrom + ")", "effectiveFrom");
        }
        PriceList latest = priceLists.isEmpty() ? null : priceLists.getLast();
        if (latest != null && !effectiveFrom.isAfter(latest.effectiveFrom())) {
            throw new RuleViolationException(
                    "a new price list must take effect after the latest one (" + latest.effectiveFrom() + ")",
                    "effectiveFrom");
        }
        priceLists.add(new PriceList(latest == null ? 1 : latest.version() + 1, effectiveFrom, "EUR", rates));
        revision++;
        return status == OfferingStatus.DRAFT ? Optional.empty() : Optional.of(new OfferingPriceChanged(state()));
    }

    /** The price list in force on a date: the latest one that took effect on or before it. */
    public Optional<PriceList> priceInForce(LocalDate date) {
        return priceLists.stream()
                .filter(prices -> !prices.effectiveFrom().isAfter(date))
                .reduce((earlier, later) -> later);
    }

    public OfferingState state() {
        return new OfferingState(
                id,
                revision,
                details.code(),
                details.name(),
                details.description(),
                details.category().name(),
                details.provider(),
                details.tags(),
                details.slaTier(),
                details.version(),
                status.name(),
                details.parameterSchema(),
                details.resourceTemplate(),
                priceLists,
                details.maxLifetimeDays());
    }

    private void requireStatus(OfferingStatus required, String action) {
        if (status != required) {
            throw new IllegalTransitionException(
                    "offering " + details.code() + " is " + status + ", only a " + required + " one can be " + action);
        }
    }

    private void requireSameCode(OfferingDetails newDetails) {
        if (!newDetails.code().equals(details.code())) {
            throw new RuleViolationException("the code of an offering never changes", "code");
        }
    }

    public UUID id() {
        return id;
    }

    public OfferingDetails details() {
        return details;
    }

    public OfferingStatus status() {
        return status;
    }

    public long revision() {
        return revision;
    }

    public List<PriceList> priceLists() {
        return List.copyOf(priceLists);
    }
}
