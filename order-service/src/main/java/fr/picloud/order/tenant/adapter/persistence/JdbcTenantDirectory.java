package fr.picloud.order.tenant.adapter.persistence;

import fr.picloud.order.tenant.application.TenantDirectory;
import fr.picloud.order.tenant.domain.ApprovalPolicy;
import fr.picloud.order.tenant.domain.QuotaAmounts;
import fr.picloud.order.tenant.domain.Tenant;
import fr.picloud.order.tenant.domain.TenantKind;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcTenantDirectory implements TenantDirectory {

    private final JdbcClient jdbc;

    JdbcTenantDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Tenant> all() {
        return jdbc.sql("select id from tenant order by id").query(String.class).list().stream()
                .map(id -> find(id).orElseThrow())
                .toList();
    }

    @Override
    public Optional<Tenant> find(String tenantId) {
        List<Tenant.CostCenter> costCenters = jdbc.sql(
                        "select code, name from cost_center where tenant_id = ? order by code")
                .param(tenantId)
                .query((rs, row) -> new Tenant.CostCenter(rs.getString("code"), rs.getString("name")))
                .list();
        return jdbc.sql("select id, name, kind, parent_id from tenant where id = ?")
                .param(tenantId)
                .query((rs, row) -> new Tenant(
                        rs.getString("id"),
                        rs.getString("name"),
                        TenantKind.valueOf(rs.getString("kind")),
                        rs.getString("parent_id"),
                        costCenters))
                .optional();
    }

    @Override
    public void create(Tenant tenant, QuotaAmounts limits, ApprovalPolicy policy) {
        jdbc.sql("insert into tenant (id, name, kind, parent_id) values (?, ?, ?, ?)")
                .params(tenant.id(), tenant.name(), tenant.kind().name(), tenant.parentId())
                .update();
        tenant.costCenters().forEach(costCenter -> addCostCenter(tenant.id(), costCenter));
        jdbc.sql("""
                        insert into tenant_quota (tenant_id, limit_vcpus, limit_ram_gb, limit_volume_gb,
                            limit_instances, limit_floating_ips, monthly_budget)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        tenant.id(),
                        limits.vcpus(),
                        limits.ramGb(),
                        limits.volumeGb(),
                        limits.instances(),
                        limits.floatingIps(),
                        limits.monthlyBudget())
                .update();
        savePolicy(tenant.id(), policy);
    }

    @Override
    public void addCostCenter(String tenantId, Tenant.CostCenter costCenter) {
        jdbc.sql("insert into cost_center (tenant_id, code, name) values (?, ?, ?)")
                .params(tenantId, costCenter.code(), costCenter.name())
                .update();
    }

    @Override
    public Optional<ApprovalPolicy> policyOf(String tenantId) {
        return jdbc.sql("select * from approval_policy where tenant_id = ?")
                .param(tenantId)
                .query((rs, row) -> policy(rs))
                .optional();
    }

    @Override
    public void savePolicy(String tenantId, ApprovalPolicy policy) {
        jdbc.sql("""
                        insert into approval_policy (auto_approve_below, auto_approve_categories,
                            two_approvals_above, escalate_after_seconds, expire_after_seconds, tenant_id)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (tenant_id) do update set auto_approve_below = excluded.auto_approve_below,
                            auto_approve_categories = excluded.auto_approve_categories,
                            two_approvals_above = excluded.two_approvals_above,
                            escalate_after_seconds = excluded.escalate_after_seconds,
                            expire_after_seconds = excluded.expire_after_seconds""")
                .params(
                        policy.autoApproveBelow(),
                        policy.autoApproveCategories().stream().sorted().toArray(String[]::new),
                        policy.twoApprovalsAbove(),
                        policy.escalateAfter().toSeconds(),
                        policy.expireAfter().toSeconds(),
                        tenantId)
                .update();
    }

    @Override
    public void bumpRevision(String tenantId) {
        jdbc.sql("update tenant set revision = revision + 1 where id = ?")
                .param(tenantId)
                .update();
    }

    @Override
    public long revisionOf(String tenantId) {
        return jdbc.sql("select revision from tenant where id = ?")
                .param(tenantId)
                .query(Long.class)
                .single();
    }

    @Override
    public boolean claimPublication(String tenantId, long revision) {
        return jdbc.sql("update tenant set published_revision = ? where id = ? and published_revision < ?")
                        .params(revision, tenantId, revision)
                        .update()
                == 1;
    }

    @Override
    public List<String> unpublished() {
        return jdbc.sql("select id from tenant where published_revision < revision order by id")
                .query(String.class)
                .list();
    }

    private static ApprovalPolicy policy(ResultSet rs) throws SQLException {
        Array categories = rs.getArray("auto_approve_categories");
        return new ApprovalPolicy(
                rs.getBigDecimal("auto_approve_below"),
                Set.copyOf(Arrays.asList((String[]) categories.getArray())),
                rs.getBigDecimal("two_approvals_above"),
                Duration.ofSeconds(rs.getLong("escalate_after_seconds")),
                Duration.ofSeconds(rs.getLong("expire_after_seconds")));
    }
}
