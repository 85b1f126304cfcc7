package fr.picloud.pricing;

import fr.picloud.contracts.offering.PriceList;
import fr.picloud.contracts.offering.PriceUnit;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The one pricing calculation of PI Cloud. The catalogue quotes a monthly estimate with it; billing
 * rates actual usage intervals with it. Amounts stay exact (no rounding) until a statement or quote
 * line, which is rounded half-even to cents.
 */
public final class PricingCalculator {

    /** Hours in the month used for estimates and for prorating monthly units: 365 days / 12. */
    public static final BigDecimal HOURS_PER_MONTH = new BigDecimal("730");

    private static final BigDecimal SECONDS_PER_HOUR = new BigDecimal("3600");
    private static final MathContext EXACT_ENOUGH = MathContext.DECIMAL128;

    private PricingCalculator() {}

    /** A monthly estimate line: quantity x unit price over a month. */
    public record QuoteLine(PriceUnit unit, BigDecimal quantity, BigDecimal unitPrice, BigDecimal monthlyAmount) {}

    /**
     * The monthly estimate of a footprint.
     *
     * @param monthlyTotal sum of the (rounded) monthly lines
     * @param oneTimeFees setup fee, charged once, outside the monthly total
     */
    public record Quote(
            String currency,
            int priceListVersion,
            List<QuoteLine> lines,
            BigDecimal monthlyTotal,
            BigDecimal oneTimeFees) {}

    public static Quote monthlyQuote(PriceList prices, Footprint footprint) {
        List<QuoteLine> lines = new ArrayList<>();
        addLine(lines, prices, PriceUnit.VCPU_HOUR, footprint.vcpus());
        addLine(lines, prices, PriceUnit.RAM_GB_HOUR, footprint.ramGb());
        addLine(lines, prices, PriceUnit.VOLUME_GB_MONTH, footprint.volumeGb());
        addLine(lines, prices, PriceUnit.FLOATING_IP_HOUR, footprint.floatingIps());
        BigDecimal total = lines.stream().map(QuoteLine::monthlyAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Quote(
                prices.currency(),
                prices.version(),
                List.copyOf(lines),
                total,
                toCents(prices.rate(PriceUnit.SETUP_FEE)));
    }

    /**
     * The exact, unrounded charge for using {@code quantity} units during {@code duration}: hourly
     * units prorated to the second, monthly units over a 730-hour month. The setup fee is not a
     * usage charge: see {@link PriceList#rate}.
     */
    public static BigDecimal usageCharge(PriceList prices, PriceUnit unit, BigDecimal quantity, Duration duration) {
        if (unit == PriceUnit.SETUP_FEE) {
            throw new IllegalArgumentException("the setup fee is charged once, not per duration");
        }
        BigDecimal hours = new BigDecimal(duration.toSeconds()).divide(SECONDS_PER_HOUR, EXACT_ENOUGH);
        BigDecimal unitHours = unit == PriceUnit.VOLUME_GB_MONTH ? hours.divide(HOURS_PER_MONTH, EXACT_ENOUGH) : hours;
        return prices.rate(unit).multiply(quantity).multiply(unitHours, EXACT_ENOUGH);
    }

    /**
     * The price version in force on a day: the one with the latest {@code effectiveFrom} on or before
     * it (a later version number wins a tie), whatever the order of the list. Empty before the first.
     */
    public static Optional<PriceList> inForceOn(List<PriceList> priceLists, LocalDate day) {
        return priceLists.stream()
                .filter(prices -> !prices.effectiveFrom().isAfter(day))
                .max(Comparator.comparing(PriceList::effectiveFrom).thenComparingInt(PriceList::version));
    }

    /** The rounding of PI Cloud: half-even to cents, applied once per line. */
    public static BigDecimal toCents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN);
    }

    private static void addLine(List<QuoteLine> lines, PriceList prices, PriceUnit unit, long quantity) {
        if (quantity == 0) {
            return;
        }
        BigDecimal amount = usageCharge(prices, unit, BigDecimal.valueOf(quantity), Duration.ofHours(730));
        lines.add(new QuoteLine(unit, BigDecimal.valueOf(quantity), prices.rate(unit), toCents(amount)));
    }
}
