package fr.picloud.billing.chargeback.adapter.persistence;

import fr.picloud.billing.chargeback.application.StatementStore;
import fr.picloud.billing.chargeback.domain.Chargeable;
import fr.picloud.billing.chargeback.domain.Chargeback;
import fr.picloud.billing.chargeback.domain.Period;
import fr.picloud.billing.chargeback.domain.Spend;
import fr.picloud.billing.chargeback.domain.Statement;
import fr.picloud.billing.chargeback.domain.StatementLine;
import fr.picloud.billing.chargeback.domain.Unpriced;
import fr.picloud.contracts.offering.PriceUnit;
import fr.picloud.pricing.PricingCalculator;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

@Repository
class JdbcStatementStore implements StatementStore {

    private static final String LINE_COLUMNS = """
            id, period, kind, tenant, cost_center, order_id, saga_id, offering_id, offering_code, resource_id,
            resource_name, resource_kind, unit, quantity, usage_from, usage_to, seconds, price_version, unit_price,
            exact_amount, amount, corrects_period, corrects_line_id""";

    private static final int BATCH = 2_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final DataSource dataSource;

    JdbcStatementStore(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource) {
        this.jdbc = jdbc;
        this.template = template;
        this.dataSource = dataSource;
    }

    @Override
    public void lockClosing() {
        jdbc.sql("select pg_advisory_xact_lock(7311001)").query(rs -> {});
    }

    @Override
    public Optional<ClosedPeriod> closed(Period period) {
        return jdbc.sql("select * from billing_period where period = ?")
                .param(period.toString())
                .query((rs, row) -> new ClosedPeriod(
                        rs.getString("period"),
                        JdbcUsageSource.instant(rs, "closed_at"),
                        rs.getString("closed_by"),
                        rs.getBigDecimal("platform_total"),
                        rs.getInt("line_count")))
                .optional();
    }

    @Override
    public boolean close(Chargeback chargeback, String closedBy, Instant closedAt) {
        List<StatementLine> lines = chargeback.lines();
        int inserted = jdbc.sql("""
                        insert into billing_period (period, closed_at, closed_by, platform_total, line_count)
                        values (?, ?, ?, ?, ?) on conflict (period) do nothing""")
                .params(
                        chargeback.period(),
                        Timestamp.from(closedAt),
                        closedBy,
                        chargeback.platformTotal(),
                        lines.size())
                .update();
        if (inserted == 0) {
            return false;
        }
        List<Statement> statements = chargeback.statements();
        template.batchUpdate(
                "insert into statement (period, tenant, total, line_count) values (?, ?, ?, ?)",
                statements,
                BATCH,
                (ps, statement) -> {
                    ps.setString(1, chargeback.period());
                    ps.setString(2, statement.tenant());
                    ps.setBigDecimal(3, statement.total());
                    ps.setInt(4, statement.lines().size());
                });
        copyLines(lines);
        return true;
    }

    /**
     * A closing writes a month of lines at once (about 140,000 for 50,000 resources): PostgreSQL's
     * COPY takes them in one stream, several times faster than batched inserts, in the same
     * transaction as the rest of the closing.
     */
    private void copyLines(List<StatementLine> lines) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyIn copy = connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy statement_line (" + LINE_COLUMNS + ") from stdin (format csv)");
            try {
                StringBuilder chunk = new StringBuilder(1 << 20);
                for (StatementLine line : lines) {
                    appendCsv(chunk, line);
                    if (chunk.length() > (1 << 20) - 2048) {
                        write(copy, chunk);
                    }
                }
                write(copy, chunk);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("could not write the statement lines", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void write(CopyIn copy, StringBuilder chunk) throws SQLException {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }

    private static void appendCsv(StringBuilder out, StatementLine line) {
        Chargeable.OrderRef order = line.order();
        Object[] values = {
            line.id(),
            line.period(),
            line.kind().name(),
            order.tenant(),
            order.costCenter(),
            order.orderId(),
            order.sagaId(),
            order.offeringId(),
            order.offeringCode(),
            line.resourceId(),
            line.resourceName(),
            line.resourceKind(),
            line.unit().name(),
            line.quantity().toPlainString(),
            line.usageFrom(),
            line.usageTo(),
            line.seconds(),
            line.priceVersion(),
            line.unitPrice().toPlainString(),
            line.exactAmount().toPlainString(),
            line.amount().toPlainString(),
            line.correctsPeriod(),
            line.correctsLineId()
        };
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            Object value = values[i];
            if (value instanceof String text) {
                // quoted: an empty string stays one, an unquoted empty field is NULL
                out.append('"').append(text.replace("\"", "\"\"")).append('"');
            } else if (value != null) {
                out.append(value);
            }
        }
        out.append('\n');
    }

    @Override
    public List<StatementLine> lines(Period period, String tenant) {
        String sql = "select " + LINE_COLUMNS + " from statement_line where period = ?";
        return tenant == null
                ? jdbc.sql(sql)
                        .param(period.toString())
                        .query(JdbcStatementStore::line)
                        .list()
                : jdbc.sql(sql + " and tenant = ?")
                        .params(period.toString(), tenant)
                        .query(JdbcStatementStore::line)
                        .list();
    }

    @Override
    public List<StatementLine> chargedFor(Period period, String tenant) {
        String sql = "select " + LINE_COLUMNS + " from statement_line"
                + " where ((period = ? and kind = 'USAGE') or corrects_period = ?)";
        return tenant == null
                ? jdbc.sql(sql)
                        .params(period.toString(), period.toString())
                        .query(JdbcStatementStore::line)
                        .list()
                : jdbc.sql(sql + " and tenant = ?")
                        .params(period.toString(), period.toString(), tenant)
                        .query(JdbcStatementStore::line)
                        .list();
    }

    private static StatementLine line(ResultSet rs, int row) throws SQLException {
        return new StatementLine(
                rs.getObject("id", UUID.class),
                rs.getString("period"),
                StatementLine.Kind.valueOf(rs.getString("kind")),
                new Chargeable.OrderRef(
                        rs.getObject("order_id", UUID.class),
                        rs.getString("tenant"),
                        rs.getString("cost_center"),
                        rs.getObject("offering_id", UUID.class),
                        rs.getString("offering_code"),
                        rs.getObject("saga_id", UUID.class)),
                rs.getString("resource_id"),
                rs.getString("resource_name"),
                rs.getString("resource_kind"),
                PriceUnit.valueOf(rs.getString("unit")),
                rs.getBigDecimal("quantity"),
                JdbcUsageSource.instant(rs, "usage_from"),
                JdbcUsageSource.instant(rs, "usage_to"),
                rs.getLong("seconds"),
                rs.getInt("price_version"),
                rs.getBigDecimal("unit_price"),
                rs.getBigDecimal("exact_amount"),
                PricingCalculator.toCents(rs.getBigDecimal("amount")),
                rs.getString("corrects_period"),
                rs.getObject("corrects_line_id", UUID.class));
    }

    @Override
    public Map<String, BigDecimal> recordedTotals(Period period) {
        Map<String, BigDecimal> totals = new TreeMap<>();
        jdbc.sql("select tenant, total from statement where period = ?")
                .param(period.toString())
                .query(rs -> {
                    totals.put(rs.getString("tenant"), rs.getBigDecimal("total"));
                });
        return totals;
    }

    @Override
    public void recordUnpriced(Period period, String tenant, List<Unpriced> unpriced, Instant now) {
        Map<String, Unpriced> byKey = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        for (Unpriced item : unpriced) {
            String key = item.order().orderId() + "|" + Objects.requireNonNullElse(item.resourceId(), "");
            byKey.putIfAbsent(key, item);
            reasons.merge(key, item.reason(), (a, b) -> a.contains(b) ? a : a + "; " + b);
        }
        Timestamp at = Timestamp.from(now);
        byKey.forEach((key, item) -> jdbc.sql("""
                        insert into unpriced_usage (order_id, resource_id, period, tenant, reason, first_seen, last_seen)
                        values (?, ?, ?, ?, ?, ?, ?)
                        on conflict (order_id, resource_id, period) do update set reason = excluded.reason,
                            tenant = excluded.tenant, last_seen = excluded.last_seen, resolved_at = null""")
                .params(
                        item.order().orderId(),
                        Objects.requireNonNullElse(item.resourceId(), ""),
                        period.toString(),
                        item.order().tenant(),
                        reasons.get(key),
                        at,
                        at)
                .update());
        // what is no longer unpriced in this period was priced since: resolved
        String stillUnpriced = byKey.isEmpty()
                ? ""
                : " and (order_id::text || '|' || resource_id) not in ("
                        + String.join(
                                ", ", byKey.keySet().stream().map(k -> "?").toList()) + ")";
        List<Object> params = new java.util.ArrayList<>(List.of(at, period.toString()));
        String byTenant = "";
        if (tenant != null) {
            byTenant = " and tenant = ?";
            params.add(tenant);
        }
        params.addAll(byKey.keySet());
        jdbc.sql("update unpriced_usage set resolved_at = ? where period = ? and resolved_at is null" + byTenant
                        + stillUnpriced)
                .params(params)
                .update();
    }

    @Override
    public List<HeldAside> heldAside() {
        return jdbc.sql("""
                        select order_id, resource_id, period, tenant, reason, first_seen, last_seen
                        from unpriced_usage where resolved_at is null order by period, tenant, order_id, resource_id""")
                .query((rs, row) -> new HeldAside(
                        rs.getString("order_id"),
                        rs.getString("resource_id").isEmpty() ? null : rs.getString("resource_id"),
                        rs.getString("period"),
                        rs.getString("tenant"),
                        rs.getString("reason"),
                        JdbcUsageSource.instant(rs, "first_seen"),
                        JdbcUsageSource.instant(rs, "last_seen")))
                .list();
    }

    @Override
    public long heldAsideCount() {
        return jdbc.sql("select count(*) from unpriced_usage where resolved_at is null")
                .query(Long.class)
                .single();
    }

    @Override
    public List<String> knownTenants() {
        return jdbc.sql("select tenant_id from tenant_replica order by tenant_id")
                .query(String.class)
                .list();
    }

    @Override
    public boolean recordAlert(Spend spend, int threshold, Instant at) {
        return jdbc.sql("""
                                insert into budget_alert (tenant, period, threshold_percent, budget, month_to_date,
                                    projected, crossed_at)
                                values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                        .params(
                                spend.tenant(),
                                spend.period(),
                                threshold,
                                spend.budget(),
                                PricingCalculator.toCents(spend.monthToDate()),
                                PricingCalculator.toCents(spend.projected()),
                                Timestamp.from(at))
                        .update()
                == 1;
    }
}
