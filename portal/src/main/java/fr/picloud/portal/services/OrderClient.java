package fr.picloud.portal.services;

import fr.picloud.contracts.order.OrderQuote;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

/** order-service's API (see its OpenAPI document), as the portal's pages use it. */
public class OrderClient {

    public record Placed(UUID id, String status, OrderQuote quote) {}

    /** An order asked for; {@code endsAt} null when it has no end date. */
    public record PlaceOrder(
            UUID offeringId, Map<String, Object> parameters, String costCenter, String justification, Instant endsAt) {}

    public record TimelineEntry(Instant at, String actor, String action, String from, String to, String reason) {}

    public record Order(
            UUID id,
            String status,
            String requester,
            UUID offeringId,
            String offeringCode,
            String costCenter,
            String justification,
            Map<String, Object> parameters,
            OrderQuote quote,
            int requiredApprovals,
            List<String> approvers,
            List<ProvisionedResource> resources,
            Instant placedAt,
            List<TimelineEntry> timeline,
            Instant endsAt,
            boolean endExtended) {}

    public record OrderSummary(
            UUID id, String status, String requester, String offeringCode, OrderQuote quote, Instant placedAt) {}

    public record OrderPage(List<OrderSummary> items, int page, int size, long total) {}

    /**
     * A day-2 operation asked for: {@code flavor} for a resize, {@code sizeGb} for an extension,
     * {@code endsAt} for a new end date (SET_EXPIRY, no target).
     */
    public record AskOperation(String type, String target, String flavor, Integer sizeGb, Instant endsAt) {}

    /** A day-2 operation on a completed order, as order-service reports it. */
    public record Operation(
            UUID id,
            String type,
            String status,
            String target,
            String flavor,
            Integer sizeGb,
            Instant endsAt,
            BigDecimal monthlyDelta,
            String requestedBy,
            Instant requestedAt,
            String decidedBy,
            Instant finishedAt,
            String reason,
            String description) {}

    /** A tenant's quota amounts: limits, or what orders hold, use, or leave. */
    public record Limits(
            Integer vcpus,
            Integer ramGb,
            Integer volumeGb,
            Integer instances,
            Integer floatingIps,
            BigDecimal monthlyBudget) {}

    public record QuotaUsage(String tenant, Limits limits, Limits held, Limits committed, Limits available) {}

    public record CostCenter(String code, String name) {}

    public record Tenant(String id, String name, String kind, String parentId, List<CostCenter> costCenters) {}

    /** When an order is approved by itself, when it needs two approvers, when it escalates and expires. */
    public record ApprovalPolicy(
            BigDecimal autoApproveBelow,
            List<String> autoApproveCategories,
            BigDecimal twoApprovalsAbove,
            Duration escalateAfter,
            Duration expireAfter) {}

    private final RestClient http;

    OrderClient(RestClient http) {
        this.http = http;
    }

    /** Places an order; the same key and body give back the same order (a double click makes one). */
    public Placed place(String idempotencyKey, PlaceOrder order) {
        return Problems.raise(http.post()
                        .uri("/api/v1/orders")
                        .header("Idempotency-Key", idempotencyKey)
                        .body(order)
                        .retrieve())
                .body(Placed.class);
    }

    /** A step of one of an order's sagas, as order-service heard of it from provisioning. */
    public record SagaStep(String name, String state, int attempt, Long durationMs, String resource, String reason) {}

    /** One saga of an order (building it, a day-2 operation, taking it down) and its steps in order. */
    public record SagaProgress(
            UUID sagaId,
            String kind,
            String phase,
            List<SagaStep> steps,
            int done,
            Instant startedAt,
            Instant updatedAt) {}

    /** The order's sagas, the first started first. */
    public List<SagaProgress> progress(UUID orderId) {
        return Problems.raise(
                        http.get().uri("/api/v1/orders/{id}/progress", orderId).retrieve())
                .body(new ParameterizedTypeReference<List<SagaProgress>>() {});
    }

    public Order get(UUID id) {
        return Problems.raise(http.get().uri("/api/v1/orders/{id}", id).retrieve())
                .body(Order.class);
    }

    /** The orders of the user's tenant, newest first; {@code status} null for all. */
    public OrderPage list(String status, int page, int size) {
        return Problems.raise(http.get()
                        .uri(builder -> {
                            builder.path("/api/v1/orders")
                                    .queryParam("page", page)
                                    .queryParam("size", size);
                            if (status != null) {
                                builder.queryParam("status", status);
                            }
                            return builder.build();
                        })
                        .retrieve())
                .body(OrderPage.class);
    }

    public Order approve(UUID id) {
        return Problems.raise(http.post().uri("/api/v1/orders/{id}/approve", id).retrieve())
                .body(Order.class);
    }

    /** Decommissions a completed order: its resources are deleted and its billing stops. */
    public Order decommission(UUID id) {
        return Problems.raise(
                        http.post().uri("/api/v1/orders/{id}/decommission", id).retrieve())
                .body(Order.class);
    }

    /** The order's day-2 operations, oldest first. */
    public List<Operation> operations(UUID orderId) {
        return Problems.raise(http.get()
                        .uri("/api/v1/orders/{id}/operations", orderId)
                        .retrieve())
                .body(new ParameterizedTypeReference<List<Operation>>() {});
    }

    /** Asks for a day-2 operation; the same key and body give back the same operation. */
    public Operation askOperation(UUID orderId, String idempotencyKey, AskOperation operation) {
        return Problems.raise(http.post()
                        .uri("/api/v1/orders/{id}/operations", orderId)
                        .header("Idempotency-Key", idempotencyKey)
                        .body(operation)
                        .retrieve())
                .body(Operation.class);
    }

    public Operation approveOperation(UUID orderId, UUID operationId) {
        return Problems.raise(http.post()
                        .uri("/api/v1/orders/{id}/operations/{op}/approve", orderId, operationId)
                        .retrieve())
                .body(Operation.class);
    }

    public Operation rejectOperation(UUID orderId, UUID operationId, String reason) {
        return Problems.raise(http.post()
                        .uri("/api/v1/orders/{id}/operations/{op}/reject", orderId, operationId)
                        .body(Map.of("reason", reason))
                        .retrieve())
                .body(Operation.class);
    }

    /** Every tenant (platform administrators only). */
    public List<Tenant> tenants() {
        return Problems.raise(http.get().uri("/api/v1/tenants").retrieve())
                .body(new ParameterizedTypeReference<List<Tenant>>() {});
    }

    public Tenant tenant(String id) {
        return Problems.raise(http.get().uri("/api/v1/tenants/{id}", id).retrieve())
                .body(Tenant.class);
    }

    /** The tenant's limits, what its orders hold and use, and what is left; a tenant's own users may read it. */
    public QuotaUsage quota(String tenant) {
        return Problems.raise(
                        http.get().uri("/api/v1/tenants/{id}/quota", tenant).retrieve())
                .body(QuotaUsage.class);
    }

    public QuotaUsage changeQuota(String tenant, Limits limits) {
        return Problems.raise(http.put()
                        .uri("/api/v1/tenants/{id}/quota", tenant)
                        .body(limits)
                        .retrieve())
                .body(QuotaUsage.class);
    }

    public ApprovalPolicy policy(String tenant) {
        return Problems.raise(http.get()
                        .uri("/api/v1/tenants/{id}/approval-policy", tenant)
                        .retrieve())
                .body(ApprovalPolicy.class);
    }

    public ApprovalPolicy changePolicy(String tenant, ApprovalPolicy policy) {
        return Problems.raise(http.put()
                        .uri("/api/v1/tenants/{id}/approval-policy", tenant)
                        .body(policy)
                        .retrieve())
                .body(ApprovalPolicy.class);
    }

    public Tenant addCostCenter(String tenant, CostCenter costCenter) {
        return Problems.raise(http.post()
                        .uri("/api/v1/tenants/{id}/cost-centers", tenant)
                        .body(costCenter)
                        .retrieve())
                .body(Tenant.class);
    }

    public Order reject(UUID id, String reason) {
        return Problems.raise(http.post()
                        .uri("/api/v1/orders/{id}/reject", id)
                        .body(Map.of("reason", reason))
                        .retrieve())
                .body(Order.class);
    }
}
