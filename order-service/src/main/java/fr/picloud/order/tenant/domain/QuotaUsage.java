package fr.picloud.order.tenant.domain;

import java.util.Objects;

/**
 * A tenant's quota and what its orders use of it.
 *
 * @param held reserved by orders not provisioned yet
 * @param committed used by provisioned services
 */
public record QuotaUsage(String tenantId, QuotaAmounts limits, QuotaAmounts held, QuotaAmounts committed) {

    public QuotaUsage {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(held, "held");
        Objects.requireNonNull(committed, "committed");
    }
}
