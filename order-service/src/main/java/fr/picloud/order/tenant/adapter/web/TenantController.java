package fr.picloud.order.tenant.adapter.web;

import fr.picloud.order.tenant.application.TenantAdministration;
import fr.picloud.order.tenant.domain.ApprovalPolicy;
import fr.picloud.order.tenant.domain.QuotaAmounts;
import fr.picloud.order.tenant.domain.QuotaUsage;
import fr.picloud.order.tenant.domain.Tenant;
import fr.picloud.order.tenant.domain.TenantKind;
import fr.picloud.platform.domain.NotFoundException;
import fr.picloud.platform.security.CurrentUser;
import fr.picloud.platform.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tenants, their quotas and approval policies: managed by platform administrators; a tenant's own
 * users read their tenant, its quota usage and its policy. Another tenant is a 404 to them.
 */
@RestController
@RequestMapping("/api/v1/tenants")
class TenantController {

    private final TenantAdministration administration;

    TenantController(TenantAdministration administration) {
        this.administration = administration;
    }

    record Limits(
            @NotNull @Min(0) Integer vcpus,
            @NotNull @Min(0) Integer ramGb,
            @NotNull @Min(0) Integer volumeGb,
            @NotNull @Min(0) Integer instances,
            @NotNull @Min(0) Integer floatingIps,

            @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2)
            BigDecimal monthlyBudget) {

        static Limits of(QuotaAmounts amounts) {
            return new Limits(
                    amounts.vcpus(),
                    amounts.ramGb(),
                    amounts.volumeGb(),
                    amounts.instances(),
                    amounts.floatingIps(),
                    amounts.monthlyBudget());
        }

        QuotaAmounts toDomain() {
            return new QuotaAmounts(vcpus, ramGb, volumeGb, instances, floatingIps, monthlyBudget);
        }
    }

    record Policy(
            @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2)
            BigDecimal autoApproveBelow,

            @NotNull @Size(max = 20) Set<@NotBlank String> autoApproveCategories,

            @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2)
            BigDecimal twoApprovalsAbove,

            @NotNull Duration escalateAfter,
            @NotNull Duration expireAfter) {

        static Policy of(ApprovalPolicy policy) {
            return new Policy(
                    policy.autoApproveBelow(),
                    policy.autoApproveCategories(),
                    policy.twoApprovalsAbove(),
                    policy.escalateAfter(),
                    policy.expireAfter());
        }

        ApprovalPolicy toDomain() {
            return new ApprovalPolicy(
                    autoApproveBelow, autoApproveCategories, twoApprovalsAbove, escalateAfter, expireAfter);
        }
    }

    record CostCenterBody(
            @NotBlank @Size(max = 30) @Pattern(regexp = "[A-Za-z0-9-]+")
            String code,

            @NotBlank @Size(max = 200) String name) {}

    record NewTenant(
            @NotBlank
            @Size(max = 40)
            @Pattern(regexp = "[a-z][a-z0-9-]*", message = "lower-case letters, digits and dashes")
            String id,

            @NotBlank @Size(max = 200) String name,
            @NotNull TenantKind kind,
            @Size(max = 40) String parentId,
            @NotNull @Size(min = 1, max = 50) List<@Valid CostCenterBody> costCenters,
            @NotNull @Valid Limits quota,
            @NotNull @Valid Policy approvalPolicy) {}

    record TenantView(String id, String name, TenantKind kind, String parentId, List<Tenant.CostCenter> costCenters) {

        static TenantView of(Tenant tenant) {
            return new TenantView(tenant.id(), tenant.name(), tenant.kind(), tenant.parentId(), tenant.costCenters());
        }
    }

    record UsageView(String tenant, Limits limits, Limits held, Limits committed, Limits available) {

        static UsageView of(QuotaUsage usage) {
            QuotaAmounts limits = usage.limits();
            QuotaAmounts held = usage.held();
            QuotaAmounts committed = usage.committed();
            return new UsageView(
                    usage.tenantId(),
                    Limits.of(limits),
                    Limits.of(held),
                    Limits.of(committed),
                    new Limits(
                            limits.vcpus() - held.vcpus() - committed.vcpus(),
                            limits.ramGb() - held.ramGb() - committed.ramGb(),
                            limits.volumeGb() - held.volumeGb() - committed.volumeGb(),
                            limits.instances() - held.instances() - committed.instances(),
                            limits.floatingIps() - held.floatingIps() - committed.floatingIps(),
                            limits.monthlyBudget()
                                    .subtract(held.monthlyBudget())
                                    .subtract(committed.monthlyBudget())));
        }
    }

    @GetMapping
    @PreAuthorize("hasRole('platform-admin')")
    @Operation(
            operationId = "listTenants",
            summary = "Every tenant: ministries and their directorates, with their cost centres")
    List<TenantView> all() {
        return administration.all().stream().map(TenantView::of).toList();
    }

    @PostMapping
    @PreAuthorize("hasRole('platform-admin')")
    @Operation(
            operationId = "createTenant",
            summary = "Create a ministry or a directorate with its cost centres, quota and approval policy")
    // 201 in the OpenAPI document too (the ResponseEntity sets it)
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<TenantView> create(@Valid @RequestBody NewTenant body) {
        Tenant tenant = administration.create(
                new Tenant(
                        body.id(),
                        body.name(),
                        body.kind(),
                        body.parentId(),
                        body.costCenters().stream()
                                .map(costCenter -> new Tenant.CostCenter(costCenter.code(), costCenter.name()))
                                .toList()),
                body.quota().toDomain(),
                body.approvalPolicy().toDomain());
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant.id()))
                .body(TenantView.of(tenant));
    }

    @GetMapping("/{id}")
    @Operation(
            operationId = "getTenant",
            summary = "One tenant with its cost centres",
            description =
                    "A tenant's own users see their tenant only (another one is a 404); platform administrators see every one.")
    TenantView get(@PathVariable String id) {
        requireVisible(id);
        return TenantView.of(administration.get(id));
    }

    @PostMapping("/{id}/cost-centers")
    @PreAuthorize("hasRole('platform-admin')")
    @Operation(operationId = "addCostCenter", summary = "Add a cost centre to a tenant, to charge its orders to")
    TenantView addCostCenter(@PathVariable String id, @Valid @RequestBody CostCenterBody body) {
        return TenantView.of(administration.addCostCenter(id, new Tenant.CostCenter(body.code(), body.name())));
    }

    @GetMapping("/{id}/quota")
    @Operation(
            operationId = "getTenantQuota",
            summary = "The tenant's quota limits, what its orders hold and use, and what is left")
    UsageView quota(@PathVariable String id) {
        requireVisible(id);
        return UsageView.of(administration.usage(id));
    }

    @PutMapping("/{id}/quota")
    @PreAuthorize("hasRole('platform-admin')")
    @Operation(
            operationId = "changeTenantQuota",
            summary = "Replace a tenant's quota limits (vCPUs, RAM, volumes, instances, floating IPs, monthly budget)")
    UsageView changeQuota(@PathVariable String id, @Valid @RequestBody Limits body) {
        return UsageView.of(administration.changeLimits(id, body.toDomain()));
    }

    @GetMapping("/{id}/approval-policy")
    @Operation(
            operationId = "getApprovalPolicy",
            summary =
                    "A tenant's approval policy: what is approved at once, what needs two approvals, escalation and expiry delays")
    Policy policy(@PathVariable String id) {
        requireVisible(id);
        return Policy.of(administration.policy(id));
    }

    @PutMapping("/{id}/approval-policy")
    @PreAuthorize("hasRole('platform-admin')")
    @Operation(operationId = "changeApprovalPolicy", summary = "Replace a tenant's approval policy")
    Policy changePolicy(@PathVariable String id, @Valid @RequestBody Policy body) {
        return Policy.of(administration.changePolicy(id, body.toDomain()));
    }

    /** A tenant's users see their own tenant only; platform administrators see every one. */
    private static void requireVisible(String tenantId) {
        CurrentUser user = CurrentUser.get();
        if (!user.hasRole(Roles.PLATFORM_ADMIN) && !tenantId.equals(user.tenant())) {
            throw new NotFoundException("no tenant " + tenantId);
        }
    }
}
