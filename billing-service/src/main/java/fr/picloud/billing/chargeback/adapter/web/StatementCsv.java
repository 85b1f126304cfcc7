package fr.picloud.billing.chargeback.adapter.web;

import fr.picloud.billing.chargeback.domain.Statement;
import fr.picloud.billing.chargeback.domain.StatementLine;
import fr.picloud.billing.chargeback.domain.TenantTree;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Statement lines as CSV for finance: one row per line, a header row, columns in the fixed order of
 * {@link #COLUMNS} (documented in docs/billing.md; new columns are only ever appended). Amounts are
 * plain decimals with a dot, instants ISO-8601 UTC, empty cells for what does not apply.
 */
final class StatementCsv {

    static final List<String> COLUMNS = List.of(
            "period",
            "status",
            "tenant",
            "ministry",
            "cost_center",
            "line_id",
            "line_kind",
            "order_id",
            "saga_id",
            "offering_code",
            "resource_id",
            "resource_name",
            "resource_kind",
            "unit",
            "quantity",
            "usage_from",
            "usage_to",
            "seconds",
            "price_version",
            "unit_price",
            "amount",
            "currency",
            "corrects_period",
            "corrects_line_id");

    private static final CsvMapper CSV = CsvMapper.builder().build();
    private static final CsvSchema SCHEMA = build();

    private StatementCsv() {}

    private static CsvSchema build() {
        CsvSchema.Builder builder = CsvSchema.builder();
        COLUMNS.forEach(builder::addColumn);
        return builder.build().withHeader();
    }

    static String write(List<Statement> statements, TenantTree tenants, String currency) {
        List<Map<String, String>> rows = statements.stream()
                .flatMap(statement -> statement.lines().stream().map(line -> row(statement, line, tenants, currency)))
                .toList();
        return CSV.writer(SCHEMA).writeValueAsString(rows);
    }

    private static Map<String, String> row(
            Statement statement, StatementLine line, TenantTree tenants, String currency) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("period", statement.period());
        row.put("status", statement.closed() ? "CLOSED" : "OPEN");
        row.put("tenant", statement.tenant());
        row.put("ministry", tenants.ministryOf(statement.tenant()));
        row.put("cost_center", Statement.costCenterOf(line));
        row.put("line_id", line.id().toString());
        row.put("line_kind", line.kind().name());
        row.put("order_id", line.order().orderId().toString());
        row.put("saga_id", text(line.order().sagaId()));
        row.put("offering_code", text(line.order().offeringCode()));
        row.put("resource_id", text(line.resourceId()));
        row.put("resource_name", text(line.resourceName()));
        row.put("resource_kind", text(line.resourceKind()));
        row.put("unit", line.unit().name());
        row.put("quantity", line.quantity().toPlainString());
        row.put("usage_from", instant(line.usageFrom()));
        row.put("usage_to", instant(line.usageTo()));
        row.put("seconds", Long.toString(line.seconds()));
        row.put("price_version", Integer.toString(line.priceVersion()));
        row.put("unit_price", line.unitPrice().toPlainString());
        row.put("amount", line.amount().toPlainString());
        row.put("currency", currency);
        row.put("corrects_period", text(line.correctsPeriod()));
        row.put("corrects_line_id", text(line.correctsLineId()));
        return row;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String instant(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
