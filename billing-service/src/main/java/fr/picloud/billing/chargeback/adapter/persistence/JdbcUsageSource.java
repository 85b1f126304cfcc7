package fr.picloud.billing.chargeback.adapter.persistence;

import fr.picloud.billing.chargeback.application.UsageSource;
import fr.picloud.billing.chargeback.domain.Chargeable;
import fr.picloud.billing.chargeback.domain.Period;
import fr.picloud.billing.chargeback.domain.PriceBook;
import fr.picloud.billing.chargeback.domain.Rater;
import fr.picloud.billing.chargeback.domain.TenantTree;
import fr.picloud.contracts.offering.PriceList;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class JdbcUsageSource implements UsageSource {

    private static final TypeReference<List<PriceList>> PRICE_LISTS = new TypeReference<>() {};

    /** A resource's usage ends at the earliest of its own deletion and its order's decommission. */
    private static final String RESOURCES = """
            select r.order_id, r.resource_id, r.name, r.kind, r.vcpus, r.ram_gb, r.size_gb, r.started_at,
                   least(r.ended_at, o.decommissioned_at) as ended_at,
                   o.tenant, o.cost_center, o.offering_id, o.offering_code, o.saga_id
            from metered_resource r join billed_order o on o.order_id = r.order_id
            where r.kind in (%s)
              and r.started_at < ?
              and (least(r.ended_at, o.decommissioned_at) is null or least(r.ended_at, o.decommissioned_at) > ?)
            """.formatted(Rater.CHARGED_KINDS.stream()
            .map(kind -> "'" + kind.wireName() + "'")
            .collect(Collectors.joining(", ")));

    private static final String SETUP_FEES = """
            select o.order_id, o.tenant, o.cost_center, o.offering_id, o.offering_code, o.saga_id, o.completed_at
            from billed_order o
            where o.completed_at >= ? and o.completed_at < ?
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ZoneId zone;

    JdbcUsageSource(JdbcClient jdbc, JsonMapper json, @Value("${picloud.billing.zone:Europe/Paris}") ZoneId zone) {
        this.jdbc = jdbc;
        this.json = json;
        this.zone = zone;
    }

    @Override
    public List<Chargeable> chargeables(Period period, String tenant) {
        Timestamp start = Timestamp.from(period.start());
        Timestamp end = Timestamp.from(period.end());
        List<Chargeable> chargeables = new ArrayList<>();
        String byTenant = tenant == null ? "" : " and o.tenant = ?";
        List<Object> params = tenant == null ? List.of(end, start) : List.of(end, start, tenant);
        jdbc.sql(RESOURCES + byTenant).params(params).query(rs -> {
            chargeables.add(new Chargeable.ResourceUsage(
                    order(rs),
                    rs.getString("resource_id"),
                    rs.getString("name"),
                    rs.getString("kind"),
                    integer(rs, "vcpus"),
                    integer(rs, "ram_gb"),
                    integer(rs, "size_gb"),
                    instant(rs, "started_at"),
                    instant(rs, "ended_at")));
        });
        List<Object> feeParams = tenant == null ? List.of(start, end) : List.of(start, end, tenant);
        jdbc.sql(SETUP_FEES + byTenant).params(feeParams).query(rs -> {
            chargeables.add(new Chargeable.SetupFee(order(rs), instant(rs, "completed_at")));
        });
        return chargeables;
    }

    @Override
    public PriceBook priceBook() {
        Map<UUID, List<PriceList>> byOffering = new HashMap<>();
        jdbc.sql("select offering_id, price_lists from offering_prices").query(rs -> {
            byOffering.put(
                    rs.getObject("offering_id", UUID.class), json.readValue(rs.getString("price_lists"), PRICE_LISTS));
        });
        return new PriceBook(byOffering, zone);
    }

    @Override
    public TenantTree tenants() {
        Map<String, TenantTree.Node> nodes = new HashMap<>();
        jdbc.sql("select tenant_id, name, kind, parent_id, monthly_budget from tenant_replica")
                .query(rs -> {
                    nodes.put(
                            rs.getString("tenant_id"),
                            new TenantTree.Node(
                                    rs.getString("tenant_id"),
                                    rs.getString("name"),
                                    rs.getString("kind"),
                                    rs.getString("parent_id"),
                                    rs.getBigDecimal("monthly_budget")));
                });
        return new TenantTree(nodes);
    }

    @Override
    public boolean changedSince(Instant since) {
        Timestamp at = Timestamp.from(since);
        return jdbc.sql("""
                        select exists (select 1 from metered_resource where touched_at >= ?)
                            or exists (select 1 from billed_order where touched_at >= ?)
                            or exists (select 1 from offering_prices where replicated_at >= ?)""").params(at, at, at).query(Boolean.class).single();
    }

    @Override
    public Optional<OrderFacts> order(UUID orderId) {
        return jdbc.sql("select * from billed_order where order_id = ?")
                .param(orderId)
                .query((rs, row) -> new OrderFacts(
                        orderId,
                        rs.getString("tenant"),
                        rs.getString("cost_center"),
                        rs.getObject("offering_id", UUID.class),
                        rs.getString("offering_code"),
                        rs.getObject("saga_id", UUID.class),
                        rs.getString("requester"),
                        instant(rs, "completed_at"),
                        instant(rs, "decommissioned_at")))
                .optional();
    }

    @Override
    public List<ResourceFacts> resources(UUID orderId) {
        return jdbc.sql("""
                        select r.*, least(r.ended_at, o.decommissioned_at) as usage_end
                        from metered_resource r join billed_order o on o.order_id = r.order_id
                        where r.order_id = ? order by r.name, r.resource_id""")
                .param(orderId)
                .query((rs, row) -> new ResourceFacts(
                        rs.getString("resource_id"),
                        rs.getString("name"),
                        rs.getString("kind"),
                        rs.getString("flavor"),
                        integer(rs, "vcpus"),
                        integer(rs, "ram_gb"),
                        integer(rs, "size_gb"),
                        rs.getString("address"),
                        instant(rs, "started_at"),
                        instant(rs, "usage_end"),
                        rs.getObject("opened_by", UUID.class),
                        rs.getObject("closed_by", UUID.class)))
                .list();
    }

    private static Chargeable.OrderRef order(ResultSet rs) throws SQLException {
        return new Chargeable.OrderRef(
                rs.getObject("order_id", UUID.class),
                rs.getString("tenant"),
                rs.getString("cost_center"),
                rs.getObject("offering_id", UUID.class),
                rs.getString("offering_code"),
                rs.getObject("saga_id", UUID.class));
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
