package fr.picloud.billing.chargeback.domain;

import fr.picloud.contracts.offering.PriceList;
import fr.picloud.contracts.offering.PriceUnit;
import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.pricing.PricingCalculator;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Rates usage over one period with the shared pricing calculation: each resource's interval within
 * the period is cut where the offering's price changes, and each piece is charged at the version in
 * force during it, to the second. Each piece is one statement line, rounded once, half-even to
 * cents. What cannot be priced is returned aside, never charged at zero.
 */
public final class Rater {

    /** The kinds of resource that cost something; the others (networks, routers, attachments...) are free. */
    public static final Set<ResourceKind> CHARGED_KINDS = EnumSet.of(
            ResourceKind.SERVER, ResourceKind.VOLUME, ResourceKind.VOLUME_SNAPSHOT, ResourceKind.FLOATING_IP);

    public static final String CURRENCY = "EUR";

    private final PriceBook prices;

    public Rater(PriceBook prices) {
        this.prices = prices;
    }

    public record Rating(List<StatementLine> lines, List<Unpriced> unpriced) {}

    /**
     * @param asOf usage still running is charged up to this instant (the period's end for a whole
     *     month, now for month-to-date)
     */
    public Rating rate(Period period, List<? extends Chargeable> chargeables, Instant asOf) {
        List<StatementLine> lines = new ArrayList<>(chargeables.size() * 2);
        List<Unpriced> unpriced = new ArrayList<>();
        Instant until = asOf.isBefore(period.end()) ? asOf : period.end();
        for (Chargeable chargeable : chargeables) {
            if (chargeable.order().tenant() == null) {
                // no statement to put it on yet: held aside until the order's tenant is known
                unpriced.add(new Unpriced(
                        chargeable.order(),
                        null,
                        period.toString(),
                        period.start(),
                        until,
                        "the order's tenant is not known yet"));
                continue;
            }
            switch (chargeable) {
                case Chargeable.ResourceUsage usage -> rateUsage(period, usage, until, lines, unpriced);
                case Chargeable.SetupFee fee -> rateSetupFee(period, fee, until, lines, unpriced);
            }
        }
        return new Rating(lines, unpriced);
    }

    private void rateUsage(
            Period period,
            Chargeable.ResourceUsage usage,
            Instant until,
            List<StatementLine> lines,
            List<Unpriced> unpriced) {
        if (usage.start() == null) {
            return;
        }
        Instant from = usage.start().isAfter(period.start()) ? usage.start() : period.start();
        Instant to = usage.end() == null || usage.end().isAfter(until) ? until : usage.end();
        if (!from.isBefore(to)) {
            return;
        }
        List<Quantity> quantities = quantities(usage);
        if (quantities.isEmpty()) {
            return;
        }
        Chargeable.OrderRef order = usage.order();
        if (quantities.contains(Quantity.UNMEASURED)) {
            unpriced.add(new Unpriced(
                    order, usage.resourceId(), period.toString(), from, to, usage.kind() + " without its size"));
            return;
        }
        if (!prices.knows(order.offeringId())) {
            unpriced.add(new Unpriced(order, usage.resourceId(), period.toString(), from, to, unknownOffering(order)));
            return;
        }
        List<Instant> cuts = new ArrayList<>(prices.changesWithin(order.offeringId(), from, to));
        cuts.add(to);
        Instant pieceFrom = from;
        for (Instant pieceTo : cuts) {
            Optional<PriceList> inForce = prices.inForceAt(order.offeringId(), pieceFrom);
            for (Quantity quantity : quantities) {
                String problem = problemWith(inForce, quantity.unit(), pieceFrom);
                if (problem != null) {
                    unpriced.add(
                            new Unpriced(order, usage.resourceId(), period.toString(), pieceFrom, pieceTo, problem));
                    continue;
                }
                PriceList priceList = inForce.orElseThrow();
                long seconds = Duration.between(pieceFrom, pieceTo).toSeconds();
                BigDecimal exact = PricingCalculator.usageCharge(
                        priceList, quantity.unit(), quantity.amount(), Duration.ofSeconds(seconds));
                StatementLine.Key key = new StatementLine.Key(
                        order.orderId(), usage.resourceId(), quantity.unit(), priceList.version());
                lines.add(new StatementLine(
                        StatementLine.usageLineId(period.toString(), key),
                        period.toString(),
                        StatementLine.Kind.USAGE,
                        order,
                        usage.resourceId(),
                        usage.name(),
                        usage.kind(),
                        quantity.unit(),
                        quantity.amount(),
                        pieceFrom,
                        pieceTo,
                        seconds,
                        priceList.version(),
                        priceList.rate(quantity.unit()),
                        exact,
                        PricingCalculator.toCents(exact),
                        null,
                        null));
            }
            pieceFrom = pieceTo;
        }
    }

    private void rateSetupFee(
            Period period, Chargeable.SetupFee fee, Instant until, List<StatementLine> lines, List<Unpriced> unpriced) {
        if (fee.at() == null || !period.contains(fee.at()) || fee.at().isAfter(until)) {
            return;
        }
        Chargeable.OrderRef order = fee.order();
        if (!prices.knows(order.offeringId())) {
            unpriced.add(new Unpriced(order, null, period.toString(), fee.at(), fee.at(), unknownOffering(order)));
            return;
        }
        Optional<PriceList> inForce = prices.inForceAt(order.offeringId(), fee.at());
        if (inForce.isPresent()
                && CURRENCY.equals(inForce.get().currency())
                && !inForce.get().rates().containsKey(PriceUnit.SETUP_FEE)) {
            return; // the offering has no setup fee
        }
        String problem = problemWith(inForce, PriceUnit.SETUP_FEE, fee.at());
        if (problem != null) {
            unpriced.add(new Unpriced(order, null, period.toString(), fee.at(), fee.at(), problem));
            return;
        }
        PriceList priceList = inForce.orElseThrow();
        BigDecimal exact = priceList.rate(PriceUnit.SETUP_FEE);
        StatementLine.Key key = new StatementLine.Key(order.orderId(), null, PriceUnit.SETUP_FEE, priceList.version());
        lines.add(new StatementLine(
                StatementLine.usageLineId(period.toString(), key),
                period.toString(),
                StatementLine.Kind.USAGE,
                order,
                null,
                null,
                "setup-fee",
                PriceUnit.SETUP_FEE,
                BigDecimal.ONE,
                fee.at(),
                fee.at(),
                0,
                priceList.version(),
                exact,
                exact,
                PricingCalculator.toCents(exact),
                null,
                null));
    }

    private static String unknownOffering(Chargeable.OrderRef order) {
        return order.offeringId() == null
                ? "the order's offering is not known yet"
                : "offering " + order.offeringId() + " is not in the price book";
    }

    private static String problemWith(Optional<PriceList> inForce, PriceUnit unit, Instant at) {
        if (inForce.isEmpty()) {
            return "no price version in force at " + at;
        }
        PriceList priceList = inForce.get();
        if (!CURRENCY.equals(priceList.currency())) {
            return "price version " + priceList.version() + " is in " + priceList.currency() + ", not " + CURRENCY;
        }
        if (!priceList.rates().containsKey(unit)) {
            return "price version " + priceList.version() + " has no rate for " + unit;
        }
        return null;
    }

    /** A unit and how many of it a resource uses. */
    private record Quantity(PriceUnit unit, BigDecimal amount) {

        static final Quantity UNMEASURED = new Quantity(null, null);
    }

    private static List<Quantity> quantities(Chargeable.ResourceUsage usage) {
        return switch (ResourceKind.ofWireName(usage.kind()).orElse(ResourceKind.PROJECT)) {
            case SERVER ->
                usage.vcpus() == null || usage.ramGb() == null
                        ? List.of(Quantity.UNMEASURED)
                        : List.of(
                                new Quantity(PriceUnit.VCPU_HOUR, BigDecimal.valueOf(usage.vcpus())),
                                new Quantity(PriceUnit.RAM_GB_HOUR, BigDecimal.valueOf(usage.ramGb())));
            // a snapshot takes its volume's size in Cinder's gigabytes: rated as much block storage
            case VOLUME, VOLUME_SNAPSHOT ->
                usage.sizeGb() == null
                        ? List.of(Quantity.UNMEASURED)
                        : List.of(new Quantity(PriceUnit.VOLUME_GB_MONTH, BigDecimal.valueOf(usage.sizeGb())));
            case FLOATING_IP -> List.of(new Quantity(PriceUnit.FLOATING_IP_HOUR, BigDecimal.ONE));
            // networks, routers, security groups, key pairs, attachments (and a kind unknown here): not charged
            default -> List.of();
        };
    }
}
