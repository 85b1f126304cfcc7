package fr.picloud.contracts.tenant;

import fr.picloud.contracts.Event;
import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.Objects;

/**
 * A tenant was created or changed (cost centres, quota, budget), or its state is republished at its
 * current revision. Keyed by tenant id on a compacted topic.
 */
@MessageType(type = "picloud.tenant.updated", version = 1, topic = Topics.TENANTS)
public record TenantUpdated(TenantState tenant) implements Event {

    public TenantUpdated {
        Objects.requireNonNull(tenant, "tenant");
    }

    @Override
    public String aggregateId() {
        return tenant.tenantId();
    }
}
