package fr.picloud.billing.chargeback.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a closed period should have charged, against what it did: each difference becomes an
 * adjustment line in a later open period, pointing at the period (and line) it corrects. A closed
 * statement is never rewritten.
 */
public final class Adjustments {

    private Adjustments() {}

    /**
     * @param shouldBe the closed period rated again now, with every event received so far
     * @param charged what was charged for it: its own lines and the adjustments already made to it
     *     in periods closed since
     */
    public static List<StatementLine> of(
            Period target, Period corrected, List<StatementLine> shouldBe, List<StatementLine> charged) {
        Map<StatementLine.Key, StatementLine> expected = new LinkedHashMap<>();
        shouldBe.forEach(line -> expected.put(line.key(), line));
        Map<StatementLine.Key, BigDecimal> chargedByKey = new LinkedHashMap<>();
        Map<StatementLine.Key, StatementLine> original = new LinkedHashMap<>();
        for (StatementLine line : charged) {
            chargedByKey.merge(line.key(), line.amount(), BigDecimal::add);
            if (line.kind() == StatementLine.Kind.USAGE) {
                original.put(line.key(), line);
            } else {
                original.putIfAbsent(line.key(), line);
            }
        }
        List<StatementLine> adjustments = new ArrayList<>();
        for (StatementLine line : expected.values()) {
            BigDecimal delta = line.amount().subtract(chargedByKey.getOrDefault(line.key(), BigDecimal.ZERO));
            if (delta.signum() != 0) {
                StatementLine corrects = original.get(line.key());
                adjustments.add(adjustment(target, corrected, line, corrects, delta));
            }
        }
        chargedByKey.forEach((key, amount) -> {
            if (!expected.containsKey(key) && amount.signum() != 0) {
                StatementLine corrects = original.get(key);
                adjustments.add(adjustment(target, corrected, corrects, corrects, amount.negate()));
            }
        });
        return adjustments;
    }

    private static StatementLine adjustment(
            Period target, Period corrected, StatementLine usage, StatementLine corrects, BigDecimal delta) {
        StatementLine.Key key = usage.key();
        UUID correctsLineId = corrects == null
                ? null
                : corrects.kind() == StatementLine.Kind.USAGE ? corrects.id() : corrects.correctsLineId();
        return new StatementLine(
                StatementLine.adjustmentLineId(target.toString(), corrected.toString(), key),
                target.toString(),
                StatementLine.Kind.ADJUSTMENT,
                usage.order(),
                usage.resourceId(),
                usage.resourceName(),
                usage.resourceKind(),
                usage.unit(),
                usage.quantity(),
                usage.usageFrom(),
                usage.usageTo(),
                usage.seconds(),
                usage.priceVersion(),
                usage.unitPrice(),
                delta,
                delta,
                corrected.toString(),
                correctsLineId);
    }
}
