package fr.picloud.order.ordering.adapter.persistence;

import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.contracts.order.OrderQuote;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.order.ordering.application.OrderRepository;
import fr.picloud.order.ordering.domain.EndDate;
import fr.picloud.order.ordering.domain.Order;
import fr.picloud.order.ordering.domain.OrderRequest;
import fr.picloud.order.ordering.domain.OrderStatus;
import fr.picloud.order.ordering.domain.TimelineEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class JdbcOrderRepository implements OrderRepository {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};
    private static final TypeReference<List<ProvisionedResource>> RESOURCES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JdbcOrderRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void insert(Order order, String idempotencyKey, String requestHash) {
        Order.Placement placement = order.placement();
        jdbc.sql("""
                        insert into customer_order (id, tenant_id, requester, idempotency_key, request_hash,
                            offering_id, offering_code, category, cost_center, justification, parameters,
                            bound_template, quote, monthly_total, required_approvals, approvers, status, resources,
                            placed_at, escalate_at, expire_at, escalated_at, updated_at, placed_by,
                            requested_ends_at, ends_at, end_extended, end_reminded_days)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        order.id(),
                        order.tenant(),
                        order.requester(),
                        idempotencyKey,
                        requestHash,
                        order.request().offeringId(),
                        order.offeringCode(),
                        order.category(),
                        order.request().costCenter(),
                        order.request().justification(),
                        json.writeValueAsString(order.request().parameters()),
                        json.writeValueAsString(placement.boundTemplate()),
                        json.writeValueAsString(order.quote()),
                        order.quote().monthlyTotal(),
                        order.requiredApprovals(),
                        order.approvers().toArray(String[]::new),
                        order.status().name(),
                        resourcesJson(order),
                        timestamp(order.placedAt()),
                        timestamp(order.escalateAt()),
                        timestamp(order.expireAt()),
                        timestamp(order.escalatedAt()),
                        timestamp(lastChange(order)),
                        order.placedBy(),
                        timestamp(order.request().endsAt()),
                        timestamp(order.end() == null ? null : order.end().at()),
                        order.end() != null && order.end().extended(),
                        order.end() == null ? null : order.end().remindedDays())
                .update();
        insertTimeline(order, 0);
    }

    @Override
    public void update(Order order) {
        jdbc.sql("""
                        update customer_order set status = ?, approvers = ?, resources = ?, escalated_at = ?,
                            updated_at = ?, ends_at = ?, end_extended = ?, end_reminded_days = ?
                        where id = ?""")
                .params(
                        order.status().name(),
                        order.approvers().toArray(String[]::new),
                        resourcesJson(order),
                        timestamp(order.escalatedAt()),
                        timestamp(lastChange(order)),
                        timestamp(order.end() == null ? null : order.end().at()),
                        order.end() != null && order.end().extended(),
                        order.end() == null ? null : order.end().remindedDays(),
                        order.id())
                .update();
        int stored = jdbc.sql("select count(*) from order_timeline where order_id = ?")
                .param(order.id())
                .query(Integer.class)
                .single();
        insertTimeline(order, stored);
    }

    @Override
    public Optional<Order> lock(UUID orderId) {
        return jdbc.sql("select * from customer_order where id = ? for update")
                .param(orderId)
                .query((rs, row) -> row(rs))
                .optional()
                .map(this::withTimeline);
    }

    @Override
    public Optional<Order> find(UUID orderId) {
        return jdbc.sql("select * from customer_order where id = ?")
                .param(orderId)
                .query((rs, row) -> row(rs))
                .optional()
                .map(this::withTimeline);
    }

    @Override
    public Optional<Keyed> findByKey(String tenant, String requester, String idempotencyKey) {
        return jdbc.sql("select * from customer_order where tenant_id = ? and requester = ? and idempotency_key = ?")
                .params(tenant, requester, idempotencyKey)
                .query((rs, row) -> row(rs))
                .optional()
                .map(row -> new Keyed(withTimeline(row), row.requestHash()));
    }

    @Override
    public Page list(String tenant, OrderStatus status, int page, int size) {
        String statusName = status == null ? null : status.name();
        List<Order> found = jdbc
                .sql("""
                        select * from customer_order
                        where tenant_id = :tenant and (cast(:status as text) is null or status = :status)
                        order by placed_at desc, id
                        limit :size offset :offset""")
                .param("tenant", tenant)
                .param("status", statusName)
                .param("size", size)
                .param("offset", (long) page * size)
                .query((rs, row) -> row(rs))
                .list()
                .stream()
                .map(this::withTimeline)
                .toList();
        long total = jdbc.sql("""
                        select count(*) from customer_order
                        where tenant_id = :tenant and (cast(:status as text) is null or status = :status)""")
                .param("tenant", tenant)
                .param("status", statusName)
                .query(Long.class)
                .single();
        return new Page(found, total);
    }

    @Override
    public List<UUID> pendingPastDeadline(Instant now) {
        return jdbc.sql("""
                        select id from customer_order
                        where status = 'PENDING_APPROVAL'
                          and (expire_at <= ? or (escalated_at is null and escalate_at <= ?))
                        order by placed_at""")
                .params(timestamp(now), timestamp(now))
                .query(UUID.class)
                .list();
    }

    @Override
    public List<UUID> endDatesDue(Instant now, List<Integer> reminderDays) {
        return jdbc.sql("""
                        select id from customer_order
                        where status = 'COMPLETED' and ends_at is not null
                          and (ends_at <= :now
                               or exists (select 1 from unnest(cast(:days as int[])) as threshold(days)
                                          where ends_at - make_interval(days => threshold.days) <= :now
                                            and (end_reminded_days is null or end_reminded_days > threshold.days)))
                        order by ends_at""")
                .param("now", timestamp(now))
                .param("days", reminderDays.toArray(Integer[]::new))
                .query(UUID.class)
                .list();
    }

    private void insertTimeline(Order order, int from) {
        List<TimelineEntry> timeline = order.timeline();
        for (int seq = from; seq < timeline.size(); seq++) {
            TimelineEntry entry = timeline.get(seq);
            jdbc.sql("""
                            insert into order_timeline (order_id, seq, at, actor, action, from_status, to_status, reason)
                            values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            order.id(),
                            seq,
                            timestamp(entry.at()),
                            entry.actor(),
                            entry.action(),
                            entry.from() == null ? null : entry.from().name(),
                            entry.to().name(),
                            entry.reason())
                    .update();
        }
    }

    /** An order's row, read before its timeline so no query runs while another's results are open. */
    private record Row(
            Order.Placement placement,
            OrderStatus status,
            List<String> approvers,
            Instant escalatedAt,
            List<ProvisionedResource> resources,
            EndDate end,
            String requestHash) {}

    private Order withTimeline(Row row) {
        return Order.restore(
                row.placement(),
                row.status(),
                row.approvers(),
                timeline(row.placement().id()),
                row.escalatedAt(),
                row.resources(),
                row.end());
    }

    private Row row(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Order.Placement placement = new Order.Placement(
                id,
                rs.getString("tenant_id"),
                rs.getString("requester"),
                new OrderRequest(
                        rs.getObject("offering_id", UUID.class),
                        json.readValue(rs.getString("parameters"), JSON_OBJECT),
                        rs.getString("cost_center"),
                        rs.getString("justification"),
                        instant(rs, "requested_ends_at")),
                rs.getString("offering_code"),
                rs.getString("category"),
                json.readValue(rs.getString("bound_template"), ResourceTemplate.class),
                json.readValue(rs.getString("quote"), OrderQuote.class),
                rs.getInt("required_approvals"),
                instant(rs, "placed_at"),
                instant(rs, "escalate_at"),
                instant(rs, "expire_at"),
                rs.getString("placed_by"));
        String resources = rs.getString("resources");
        Instant endsAt = instant(rs, "ends_at");
        int remindedDays = rs.getInt("end_reminded_days");
        Integer reminded = rs.wasNull() ? null : remindedDays;
        return new Row(
                placement,
                OrderStatus.valueOf(rs.getString("status")),
                Arrays.asList((String[]) rs.getArray("approvers").getArray()),
                instant(rs, "escalated_at"),
                resources == null ? null : json.readValue(resources, RESOURCES),
                endsAt == null ? null : new EndDate(endsAt, rs.getBoolean("end_extended"), reminded),
                rs.getString("request_hash"));
    }

    private List<TimelineEntry> timeline(UUID orderId) {
        return jdbc.sql("select * from order_timeline where order_id = ? order by seq")
                .param(orderId)
                .query((rs, row) -> new TimelineEntry(
                        instant(rs, "at"),
                        rs.getString("actor"),
                        rs.getString("action"),
                        rs.getString("from_status") == null ? null : OrderStatus.valueOf(rs.getString("from_status")),
                        OrderStatus.valueOf(rs.getString("to_status")),
                        rs.getString("reason")))
                .list();
    }

    private String resourcesJson(Order order) {
        return order.resources() == null ? null : json.writeValueAsString(order.resources());
    }

    private static Instant lastChange(Order order) {
        return order.timeline().getLast().at();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
