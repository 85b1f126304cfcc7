package fr.picloud.billing.metering.adapter.persistence;

import fr.picloud.billing.metering.application.MeteringStore;
import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.contracts.tenant.TenantState;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
class JdbcMeteringStore implements MeteringStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JdbcMeteringStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Optional<Long> offeringRevision(UUID offeringId) {
        return jdbc.sql("select revision from offering_prices where offering_id = ?")
                .param(offeringId)
                .query(Long.class)
                .optional();
    }

    @Override
    public void saveOffering(OfferingState offering, Instant now) {
        jdbc.sql("""
                        insert into offering_prices (offering_id, revision, code, price_lists, replicated_at)
                        values (?, ?, ?, ?::jsonb, ?)
                        on conflict (offering_id) do update set revision = excluded.revision, code = excluded.code,
                            price_lists = excluded.price_lists, replicated_at = excluded.replicated_at""")
                .params(
                        offering.offeringId(),
                        offering.revision(),
                        offering.code(),
                        json.writeValueAsString(offering.priceLists()),
                        ts(now))
                .update();
    }

    @Override
    public Optional<Long> tenantRevision(String tenantId) {
        return jdbc.sql("select revision from tenant_replica where tenant_id = ?")
                .param(tenantId)
                .query(Long.class)
                .optional();
    }

    @Override
    public void saveTenant(TenantState tenant) {
        jdbc.sql("""
                        insert into tenant_replica (tenant_id, revision, name, kind, parent_id, cost_centers, monthly_budget)
                        values (?, ?, ?, ?, ?, ?::jsonb, ?)
                        on conflict (tenant_id) do update set revision = excluded.revision, name = excluded.name,
                            kind = excluded.kind, parent_id = excluded.parent_id, cost_centers = excluded.cost_centers,
                            monthly_budget = excluded.monthly_budget""")
                .params(
                        tenant.tenantId(),
                        tenant.revision(),
                        tenant.name(),
                        tenant.kind(),
                        tenant.parentId(),
                        json.writeValueAsString(tenant.costCenters()),
                        tenant.monthlyBudget())
                .update();
    }

    @Override
    public void mergeOrder(
            UUID orderId,
            String tenant,
            UUID offeringId,
            String offeringCode,
            String costCenter,
            String requester,
            Instant now) {
        jdbc.sql("""
                        insert into billed_order (order_id, tenant, offering_id, offering_code, cost_center, requester, touched_at)
                        values (?, ?, ?, ?, ?, ?, ?)
                        on conflict (order_id) do update set
                            tenant = coalesce(billed_order.tenant, excluded.tenant),
                            offering_id = coalesce(billed_order.offering_id, excluded.offering_id),
                            offering_code = coalesce(billed_order.offering_code, excluded.offering_code),
                            cost_center = coalesce(billed_order.cost_center, excluded.cost_center),
                            requester = coalesce(billed_order.requester, excluded.requester),
                            touched_at = excluded.touched_at""")
                .params(orderId, tenant, offeringId, offeringCode, costCenter, requester, ts(now))
                .update();
    }

    @Override
    public void mergeProvisioned(
            UUID orderId, String tenant, UUID offeringId, UUID sagaId, Instant completedAt, Instant now) {
        jdbc.sql("""
                        insert into billed_order (order_id, tenant, offering_id, saga_id, completed_at, touched_at)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (order_id) do update set
                            tenant = coalesce(billed_order.tenant, excluded.tenant),
                            offering_id = coalesce(billed_order.offering_id, excluded.offering_id),
                            saga_id = coalesce(billed_order.saga_id, excluded.saga_id),
                            completed_at = least(billed_order.completed_at, excluded.completed_at),
                            touched_at = excluded.touched_at""")
                .params(orderId, tenant, offeringId, sagaId, ts(completedAt), ts(now))
                .update();
    }

    @Override
    public void mergeDecommissioned(UUID orderId, String tenant, Instant at, Instant now) {
        jdbc.sql("""
                        insert into billed_order (order_id, tenant, decommissioned_at, touched_at)
                        values (?, ?, ?, ?)
                        on conflict (order_id) do update set
                            tenant = coalesce(billed_order.tenant, excluded.tenant),
                            decommissioned_at = least(billed_order.decommissioned_at, excluded.decommissioned_at),
                            touched_at = excluded.touched_at""").params(orderId, tenant, ts(at), ts(now)).update();
    }

    @Override
    public void mergeResourceStarted(
            UUID orderId, ProvisionedResource resource, Instant startedAt, UUID eventId, Instant now) {
        mergeResource(orderId, resource, startedAt, null, eventId, null, now);
    }

    @Override
    public void mergeResourceEnded(
            UUID orderId, ProvisionedResource resource, Instant endedAt, UUID eventId, Instant now) {
        mergeResource(orderId, resource, resource.createdAt(), endedAt, null, eventId, now);
    }

    private void mergeResource(
            UUID orderId,
            ProvisionedResource resource,
            Instant startedAt,
            Instant endedAt,
            UUID openedBy,
            UUID closedBy,
            Instant now) {
        jdbc.sql("""
                        insert into metered_resource (order_id, resource_id, name, kind, flavor, vcpus, ram_gb, size_gb,
                            address, started_at, ended_at, opened_by, closed_by, touched_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (order_id, resource_id) do update set
                            flavor = coalesce(metered_resource.flavor, excluded.flavor),
                            vcpus = coalesce(metered_resource.vcpus, excluded.vcpus),
                            ram_gb = coalesce(metered_resource.ram_gb, excluded.ram_gb),
                            size_gb = coalesce(metered_resource.size_gb, excluded.size_gb),
                            address = coalesce(metered_resource.address, excluded.address),
                            started_at = least(metered_resource.started_at, excluded.started_at),
                            ended_at = least(metered_resource.ended_at, excluded.ended_at),
                            opened_by = coalesce(metered_resource.opened_by, excluded.opened_by),
                            closed_by = coalesce(metered_resource.closed_by, excluded.closed_by),
                            touched_at = excluded.touched_at""")
                .params(
                        orderId,
                        resource.openstackId(),
                        resource.name(),
                        resource.kind(),
                        resource.flavor(),
                        resource.vcpus(),
                        resource.ramGb(),
                        resource.sizeGb(),
                        resource.address(),
                        ts(startedAt),
                        ts(endedAt),
                        openedBy,
                        closedBy,
                        ts(now))
                .update();
    }

    @Override
    public void endOpenUsage(UUID orderId, String resourceId, Instant endedAt, UUID eventId, Instant now) {
        jdbc.sql("""
                        update metered_resource set ended_at = ?, closed_by = ?, touched_at = ?
                        where order_id = ? and ended_at is null and started_at < ?
                          and (cast(? as text) is null or resource_id = ? or starts_with(resource_id, ? || '@'))""")
                .params(ts(endedAt), eventId, ts(now), orderId, ts(endedAt), resourceId, resourceId, resourceId)
                .update();
    }

    @Override
    public Optional<String> tenantOf(UUID orderId) {
        return jdbc.sql("select tenant from billed_order where order_id = ? and tenant is not null")
                .param(orderId)
                .query(String.class)
                .optional();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
