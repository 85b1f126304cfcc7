package fr.picloud.order.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The floor of order placement: the rows the service writes for one order, copied from an order it
 * placed, written by one bare PostgreSQL transaction with plain JDBC: the order row, its timeline
 * rows, the conditional update of the tenant's quota row, the reservation row and the outbox rows.
 * The outbox rows go to {@code floor_event_publication}, a copy of {@code event_publication} with
 * the same columns and indexes, so the service's relay never sends them to Kafka.
 */
final class FloorOrders {

    static final String OUTBOX_COPY =
            "create table if not exists floor_event_publication (like event_publication including all)";

    /**
     * Starts copying every outbox row the service writes into {@code bench_outbox_sample}: the relay
     * deletes a row once Kafka has it (completion mode delete), so the sample order's rows are
     * caught as they are inserted.
     */
    static void startOutboxCapture(JdbcTemplate jdbc) {
        jdbc.execute("create table if not exists bench_outbox_sample (like event_publication)");
        jdbc.execute("""
                create or replace function bench_copy_outbox() returns trigger language plpgsql as $$
                begin
                    insert into bench_outbox_sample select new.*;
                    return new;
                end $$""");
        jdbc.execute("create trigger bench_outbox_capture after insert on event_publication"
                + " for each row execute function bench_copy_outbox()");
    }

    /** Stops the copy before anything is measured. */
    static void stopOutboxCapture(JdbcTemplate jdbc) {
        jdbc.execute("drop trigger bench_outbox_capture on event_publication");
    }

    private static final String INSERT_ORDER = """
            insert into customer_order (id, tenant_id, requester, idempotency_key, request_hash,
                offering_id, offering_code, category, cost_center, justification, parameters,
                bound_template, quote, monthly_total, required_approvals, approvers, status, resources,
                placed_at, escalate_at, expire_at, escalated_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_TIMELINE = """
            insert into order_timeline (order_id, seq, at, actor, action, from_status, to_status, reason)
            values (?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String RESERVE = """
            update tenant_quota set
                used_vcpus = used_vcpus + ?, used_ram_gb = used_ram_gb + ?, used_volume_gb = used_volume_gb + ?,
                used_instances = used_instances + ?, used_floating_ips = used_floating_ips + ?,
                used_budget = used_budget + ?
            where tenant_id = ?
              and used_vcpus + ? <= limit_vcpus and used_ram_gb + ? <= limit_ram_gb
              and used_volume_gb + ? <= limit_volume_gb and used_instances + ? <= limit_instances
              and used_floating_ips + ? <= limit_floating_ips and used_budget + ? <= monthly_budget""";
    private static final String INSERT_RESERVATION = """
            insert into quota_reservation (order_id, tenant_id, vcpus, ram_gb, volume_gb, instances,
                floating_ips, monthly_amount, state, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, 'HELD', ?)""";
    private static final String INSERT_OUTBOX = """
            insert into floor_event_publication (id, event_type, listener_id, publication_date, serialized_event)
            values (?, ?, ?, ?, ?)""";

    private final String sampleId;
    private final String sampleTenant;
    private final String tenant;
    private final Map<String, Object> order;
    private final List<Map<String, Object>> timeline;
    private final Map<String, Object> reservation;
    private final List<Map<String, Object>> outbox;
    private final Duration escalateAfter;
    private final Duration expireAfter;

    /** The rows of the order {@code sampleId} that the service placed, to be written for {@code tenant}. */
    FloorOrders(JdbcTemplate jdbc, UUID sampleId, String tenant) {
        this.sampleId = sampleId.toString();
        this.tenant = tenant;
        this.order = jdbc.queryForMap("select * from customer_order where id = ?", sampleId);
        this.sampleTenant = (String) order.get("tenant_id");
        this.timeline = jdbc.queryForList("select * from order_timeline where order_id = ? order by seq", sampleId);
        this.reservation = jdbc.queryForMap("select * from quota_reservation where order_id = ?", sampleId);
        this.outbox = jdbc.queryForList(
                "select event_type, listener_id, serialized_event from bench_outbox_sample"
                        + " where serialized_event like ? order by publication_date",
                "%" + sampleId + "%");
        Instant placedAt = ((Timestamp) order.get("placed_at")).toInstant();
        this.escalateAfter = Duration.between(placedAt, ((Timestamp) order.get("escalate_at")).toInstant());
        this.expireAfter = Duration.between(placedAt, ((Timestamp) order.get("expire_at")).toInstant());
    }

    int timelineRows() {
        return timeline.size();
    }

    int outboxRows() {
        return outbox.size();
    }

    /** Places one order the bare way: one transaction, the same rows as the service. */
    void place(Connection connection) throws SQLException {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        connection.setAutoCommit(false);
        try {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_ORDER)) {
                int column = 1;
                insert.setObject(column++, id);
                insert.setString(column++, tenant);
                insert.setString(column++, (String) order.get("requester"));
                insert.setString(column++, id.toString());
                insert.setString(column++, (String) order.get("request_hash"));
                insert.setObject(column++, order.get("offering_id"));
                insert.setString(column++, (String) order.get("offering_code"));
                insert.setString(column++, (String) order.get("category"));
                insert.setString(column++, (String) order.get("cost_center"));
                insert.setString(column++, (String) order.get("justification"));
                insert.setString(column++, (String) order.get("parameters"));
                insert.setString(column++, (String) order.get("bound_template"));
                insert.setString(column++, (String) order.get("quote"));
                insert.setBigDecimal(column++, (java.math.BigDecimal) order.get("monthly_total"));
                insert.setInt(column++, (Integer) order.get("required_approvals"));
                insert.setArray(column++, connection.createArrayOf("text", new String[0]));
                insert.setString(column++, (String) order.get("status"));
                insert.setNull(column++, Types.VARCHAR);
                insert.setTimestamp(column++, now);
                insert.setTimestamp(column++, Timestamp.from(now.toInstant().plus(escalateAfter)));
                insert.setTimestamp(column++, Timestamp.from(now.toInstant().plus(expireAfter)));
                insert.setNull(column++, Types.TIMESTAMP_WITH_TIMEZONE);
                insert.setTimestamp(column, now);
                insert.executeUpdate();
            }
            for (Map<String, Object> entry : timeline) {
                try (PreparedStatement insert = connection.prepareStatement(INSERT_TIMELINE)) {
                    insert.setObject(1, id);
                    insert.setInt(2, (Integer) entry.get("seq"));
                    insert.setTimestamp(3, now);
                    insert.setString(4, (String) entry.get("actor"));
                    insert.setString(5, (String) entry.get("action"));
                    insert.setString(6, (String) entry.get("from_status"));
                    insert.setString(7, (String) entry.get("to_status"));
                    insert.setString(8, (String) entry.get("reason"));
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement reserve = connection.prepareStatement(RESERVE)) {
                Object[] claim = {
                    reservation.get("vcpus"),
                    reservation.get("ram_gb"),
                    reservation.get("volume_gb"),
                    reservation.get("instances"),
                    reservation.get("floating_ips"),
                    reservation.get("monthly_amount")
                };
                int column = 1;
                for (Object amount : claim) {
                    reserve.setObject(column++, amount);
                }
                reserve.setString(column++, tenant);
                for (Object amount : claim) {
                    reserve.setObject(column++, amount);
                }
                if (reserve.executeUpdate() != 1) {
                    throw new SQLException("the floor's tenant " + tenant + " has no room left");
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT_RESERVATION)) {
                insert.setObject(1, id);
                insert.setString(2, tenant);
                insert.setObject(3, reservation.get("vcpus"));
                insert.setObject(4, reservation.get("ram_gb"));
                insert.setObject(5, reservation.get("volume_gb"));
                insert.setObject(6, reservation.get("instances"));
                insert.setObject(7, reservation.get("floating_ips"));
                insert.setObject(8, reservation.get("monthly_amount"));
                insert.setTimestamp(9, now);
                insert.executeUpdate();
            }
            for (Map<String, Object> event : outbox) {
                try (PreparedStatement insert = connection.prepareStatement(INSERT_OUTBOX)) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, (String) event.get("event_type"));
                    insert.setString(3, (String) event.get("listener_id"));
                    insert.setTimestamp(4, now);
                    insert.setString(
                            5,
                            ((String) event.get("serialized_event"))
                                    .replace(sampleId, id.toString())
                                    .replace(sampleTenant, tenant));
                    insert.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
