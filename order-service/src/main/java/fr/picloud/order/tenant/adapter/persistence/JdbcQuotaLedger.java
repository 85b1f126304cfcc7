package fr.picloud.order.tenant.adapter.persistence;

import fr.picloud.order.tenant.application.QuotaLedger;
import fr.picloud.order.tenant.domain.QuotaAmounts;
import fr.picloud.order.tenant.domain.QuotaUsage;
import fr.picloud.platform.domain.NotFoundException;
import fr.picloud.platform.domain.RuleViolationException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The quota ledger on PostgreSQL. A reservation adds to the tenant's in-use counters with one
 * conditional update: PostgreSQL locks the tenant's quota row and re-checks the condition against
 * the latest committed counters, so concurrent orders never overcommit. Commit and release are
 * guarded by the reservation's state, so each happens at most once per order.
 */
@Repository
class JdbcQuotaLedger implements QuotaLedger {

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcQuotaLedger(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void reserve(UUID orderId, String tenantId, QuotaAmounts claim) {
        int reserved = jdbc.sql("""
                        update tenant_quota set
                            used_vcpus = used_vcpus + :vcpus,
                            used_ram_gb = used_ram_gb + :ramGb,
                            used_volume_gb = used_volume_gb + :volumeGb,
                            used_instances = used_instances + :instances,
                            used_floating_ips = used_floating_ips + :floatingIps,
                            used_budget = used_budget + :budget
                        where tenant_id = :tenant
                          and used_vcpus + :vcpus <= limit_vcpus
                          and used_ram_gb + :ramGb <= limit_ram_gb
                          and used_volume_gb + :volumeGb <= limit_volume_gb
                          and used_instances + :instances <= limit_instances
                          and used_floating_ips + :floatingIps <= limit_floating_ips
                          and used_budget + :budget <= monthly_budget""")
                .param("tenant", tenantId)
                .params(amountParams(claim))
                .update();
        if (reserved == 0) {
            throw refusal(tenantId, claim);
        }
        jdbc.sql("""
                        insert into quota_reservation (order_id, tenant_id, vcpus, ram_gb, volume_gb, instances,
                            floating_ips, monthly_amount, state, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 'HELD', ?)""")
                .params(
                        orderId,
                        tenantId,
                        claim.vcpus(),
                        claim.ramGb(),
                        claim.volumeGb(),
                        claim.instances(),
                        claim.floatingIps(),
                        claim.monthlyBudget(),
                        java.sql.Timestamp.from(clock.instant()))
                .update();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean commit(UUID orderId) {
        return jdbc.sql(
                                "update quota_reservation set state = 'COMMITTED', updated_at = ? where order_id = ? and state = 'HELD'")
                        .params(java.sql.Timestamp.from(clock.instant()), orderId)
                        .update()
                == 1;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean release(UUID orderId) {
        Optional<Released> released = jdbc.sql("""
                        update quota_reservation set state = 'RELEASED', updated_at = ?
                        where order_id = ? and state in ('HELD', 'COMMITTED')
                        returning tenant_id, vcpus, ram_gb, volume_gb, instances, floating_ips, monthly_amount""")
                .params(java.sql.Timestamp.from(clock.instant()), orderId)
                .query((rs, row) -> new Released(rs.getString("tenant_id"), amounts(rs, "")))
                .optional();
        released.ifPresent(this::lower);
        return released.isPresent();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean absorb(UUID operationId, UUID orderId) {
        Optional<QuotaAmounts> growth = jdbc.sql("""
                        update quota_reservation set state = 'MERGED', updated_at = ?
                        where order_id = ? and state = 'HELD'
                        returning vcpus, ram_gb, volume_gb, instances, floating_ips, monthly_amount""")
                .params(java.sql.Timestamp.from(clock.instant()), operationId)
                .query((rs, row) -> amounts(rs, ""))
                .optional();
        growth.ifPresent(amounts -> jdbc.sql("""
                        update quota_reservation set
                            vcpus = vcpus + :vcpus, ram_gb = ram_gb + :ramGb, volume_gb = volume_gb + :volumeGb,
                            instances = instances + :instances, floating_ips = floating_ips + :floatingIps,
                            monthly_amount = monthly_amount + :budget, updated_at = :at
                        where order_id = :order""")
                .param("order", orderId)
                .params(amountParams(amounts))
                .param("at", java.sql.Timestamp.from(clock.instant()))
                .update());
        return growth.isPresent();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean giveBack(UUID orderId, QuotaAmounts amounts) {
        // what is given back is at most what the order holds: the reservation and the tenant's use
        // go down by the same amounts, which the first statement computes and returns
        Optional<Released> given = jdbc.sql("""
                        with held as (
                            select order_id, tenant_id, vcpus, ram_gb, volume_gb, instances, floating_ips, monthly_amount
                            from quota_reservation where order_id = :order and state in ('HELD', 'COMMITTED')
                            for update),
                        back as (
                            select order_id, tenant_id,
                                least(vcpus, :vcpus) as vcpus, least(ram_gb, :ramGb) as ram_gb,
                                least(volume_gb, :volumeGb) as volume_gb, least(instances, :instances) as instances,
                                least(floating_ips, :floatingIps) as floating_ips,
                                least(monthly_amount, :budget) as monthly_amount
                            from held)
                        update quota_reservation r set
                            vcpus = r.vcpus - back.vcpus, ram_gb = r.ram_gb - back.ram_gb,
                            volume_gb = r.volume_gb - back.volume_gb, instances = r.instances - back.instances,
                            floating_ips = r.floating_ips - back.floating_ips,
                            monthly_amount = r.monthly_amount - back.monthly_amount, updated_at = :at
                        from back where r.order_id = back.order_id
                        returning back.tenant_id, back.vcpus, back.ram_gb, back.volume_gb, back.instances,
                            back.floating_ips, back.monthly_amount""")
                .param("order", orderId)
                .params(amountParams(amounts))
                .param("at", java.sql.Timestamp.from(clock.instant()))
                .query((rs, row) -> new Released(rs.getString("tenant_id"), amounts(rs, "")))
                .optional();
        given.ifPresent(this::lower);
        return given.isPresent();
    }

    @Override
    public Optional<QuotaUsage> usage(String tenantId) {
        Optional<QuotaAmounts> limits = jdbc.sql("select * from tenant_quota where tenant_id = ?")
                .param(tenantId)
                .query((rs, row) -> limits(rs))
                .optional();
        return limits.map(
                found -> new QuotaUsage(tenantId, found, inState(tenantId, "HELD"), inState(tenantId, "COMMITTED")));
    }

    @Override
    public Optional<QuotaAmounts> limits(String tenantId) {
        return jdbc.sql("select * from tenant_quota where tenant_id = ?")
                .param(tenantId)
                .query((rs, row) -> limits(rs))
                .optional();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void changeLimits(String tenantId, QuotaAmounts limits) {
        int changed = jdbc.sql("""
                        update tenant_quota set limit_vcpus = ?, limit_ram_gb = ?, limit_volume_gb = ?,
                            limit_instances = ?, limit_floating_ips = ?, monthly_budget = ?
                        where tenant_id = ?""")
                .params(
                        limits.vcpus(),
                        limits.ramGb(),
                        limits.volumeGb(),
                        limits.instances(),
                        limits.floatingIps(),
                        limits.monthlyBudget(),
                        tenantId)
                .update();
        if (changed == 0) {
            throw new NotFoundException("no tenant " + tenantId);
        }
    }

    private RuntimeException refusal(String tenantId, QuotaAmounts claim) {
        Optional<QuotaAmounts[]> row = jdbc.sql("select * from tenant_quota where tenant_id = ?")
                .param(tenantId)
                .query((rs, rowNumber) -> new QuotaAmounts[] {limits(rs), amounts(rs, "used_")})
                .optional();
        if (row.isEmpty()) {
            return new NotFoundException("no quota for tenant " + tenantId);
        }
        List<String> exceeded = row.get()[0].exceededBy(row.get()[1], claim);
        String quota = exceeded.isEmpty() ? "quota" : exceeded.getFirst();
        return new RuleViolationException(
                "the order exceeds tenant " + tenantId + "'s "
                        + String.join(", ", exceeded.isEmpty() ? List.of(quota) : exceeded) + " quota",
                "quota." + quota);
    }

    private QuotaAmounts inState(String tenantId, String state) {
        return jdbc.sql("""
                        select coalesce(sum(vcpus), 0) as vcpus, coalesce(sum(ram_gb), 0) as ram_gb,
                            coalesce(sum(volume_gb), 0) as volume_gb, coalesce(sum(instances), 0) as instances,
                            coalesce(sum(floating_ips), 0) as floating_ips,
                            coalesce(sum(monthly_amount), 0) as monthly_amount
                        from quota_reservation where tenant_id = ? and state = ?""")
                .params(tenantId, state)
                .query((rs, row) -> amounts(rs, ""))
                .single();
    }

    private static QuotaAmounts limits(ResultSet rs) throws SQLException {
        return new QuotaAmounts(
                rs.getInt("limit_vcpus"),
                rs.getInt("limit_ram_gb"),
                rs.getInt("limit_volume_gb"),
                rs.getInt("limit_instances"),
                rs.getInt("limit_floating_ips"),
                rs.getBigDecimal("monthly_budget"));
    }

    /** Reads amounts from columns named {@code prefix + vcpus...}; the budget column differs by table. */
    private static QuotaAmounts amounts(ResultSet rs, String prefix) throws SQLException {
        return new QuotaAmounts(
                rs.getInt(prefix + "vcpus"),
                rs.getInt(prefix + "ram_gb"),
                rs.getInt(prefix + "volume_gb"),
                rs.getInt(prefix + "instances"),
                rs.getInt(prefix + "floating_ips"),
                rs.getBigDecimal(prefix.isEmpty() ? "monthly_amount" : "used_budget"));
    }

    /** The tenant's use goes down by what one reservation gave back. */
    private void lower(Released reservation) {
        jdbc.sql("""
                        update tenant_quota set
                            used_vcpus = used_vcpus - :vcpus,
                            used_ram_gb = used_ram_gb - :ramGb,
                            used_volume_gb = used_volume_gb - :volumeGb,
                            used_instances = used_instances - :instances,
                            used_floating_ips = used_floating_ips - :floatingIps,
                            used_budget = used_budget - :budget
                        where tenant_id = :tenant""")
                .param("tenant", reservation.tenantId())
                .params(amountParams(reservation.amounts()))
                .update();
    }

    /** The named parameters every statement on amounts uses: vcpus, ramGb, volumeGb, instances, floatingIps, budget. */
    private static Map<String, Object> amountParams(QuotaAmounts amounts) {
        return Map.of(
                "vcpus", amounts.vcpus(),
                "ramGb", amounts.ramGb(),
                "volumeGb", amounts.volumeGb(),
                "instances", amounts.instances(),
                "floatingIps", amounts.floatingIps(),
                "budget", amounts.monthlyBudget());
    }

    private record Released(String tenantId, QuotaAmounts amounts) {}
}
