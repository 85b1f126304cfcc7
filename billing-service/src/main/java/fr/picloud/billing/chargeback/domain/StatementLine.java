package fr.picloud.billing.chargeback.domain;

import fr.picloud.contracts.offering.PriceUnit;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * One line of a tenant's statement: one unit of one resource of one order, over one interval
 * charged at one price version, or an adjustment of such a line of a closed period. The amount is
 * the exact charge rounded half-even to cents; nothing else is rounded.
 *
 * @param id stable: the same usage gives the same line id whenever the statement is computed
 * @param resourceId the OpenStack id, {@code null} for a setup fee
 * @param seconds the seconds of usage charged ({@code 0} for a setup fee)
 * @param exactAmount the unrounded charge
 * @param correctsPeriod for an adjustment, the closed period it corrects
 * @param correctsLineId for an adjustment, the line of that period it corrects ({@code null} when
 *     that period had no line for this usage)
 */
public record StatementLine(
        UUID id,
        String period,
        Kind kind,
        Chargeable.OrderRef order,
        String resourceId,
        String resourceName,
        String resourceKind,
        PriceUnit unit,
        BigDecimal quantity,
        Instant usageFrom,
        Instant usageTo,
        long seconds,
        int priceVersion,
        BigDecimal unitPrice,
        BigDecimal exactAmount,
        BigDecimal amount,
        String correctsPeriod,
        UUID correctsLineId) {

    public enum Kind {
        USAGE,
        ADJUSTMENT
    }

    /** What a line charges for, whatever the period: adjustments match lines of closed periods by it. */
    public record Key(UUID orderId, String resourceId, PriceUnit unit, int priceVersion) {

        String text() {
            return orderId + "|" + (resourceId == null ? "" : resourceId) + "|" + unit + "|" + priceVersion;
        }
    }

    public Key key() {
        return new Key(order.orderId(), resourceId, unit, priceVersion);
    }

    public String tenant() {
        return order.tenant();
    }

    public String costCenter() {
        return order.costCenter();
    }

    static UUID usageLineId(String period, Key key) {
        return UUID.nameUUIDFromBytes(("usage|" + period + "|" + key.text()).getBytes(StandardCharsets.UTF_8));
    }

    static UUID adjustmentLineId(String period, String correctsPeriod, Key key) {
        return UUID.nameUUIDFromBytes(
                ("adjustment|" + period + "|" + correctsPeriod + "|" + key.text()).getBytes(StandardCharsets.UTF_8));
    }
}
