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
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
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
    List<TenantView> all() {
        return administration.all().stream().map(TenantView::of).toList();
    }

    @PostMapping
    @PreAuthorize("hasRole('platform-admin')")
    @Operation(summary = "Create a ministry or a directorate with its cost centres, quota and approval policy")
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
    TenantView get(@PathVariable String id) {
        requireVisible(id);
        return TenantView.of(administration.get(id));
    }

    @PostMapping("/{id}/cost-centers")
    @PreAuthorize("hasRole('platform-admin')")
    TenantView addCostCenter(@PathVariable String id, @Valid @RequestBody CostCenterBody body) {
        return TenantView.of(administration.addCostCenter(id, new Tenant.CostCenter(body.code(), body.name())));
    }

    @GetMapping("/{id}/quota")
    @Operation(summary = "The tenant's quota limits, what its orders hold and use, and what is left")
    UsageView quota(@PathVariable String id) {
        requireVisible(id);
        return UsageView.of(administration.usage(id));
    }

    @PutMapping("/{id}/quota")
    @PreAuthorize("hasRole('platform-admin')")
    UsageView changeQuota(@PathVariable String id, @Valid @RequestBody Limits body) {
        return UsageView.of(administration.changeLimits(id, body.toDomain()));
    }

    @GetMapping("/{id}/approval-policy")
    Policy policy(@PathVariable String id) {
        requireVisible(id);
        return Policy.of(administration.policy(id));
    }

    @PutMapping("/{id}/approval-policy")
    @PreAuthorize("hasRole('platform-admin')")
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
