package fr.picloud.billing.chargeback.application;

import fr.picloud.billing.chargeback.domain.Chargeable;
import fr.picloud.billing.chargeback.domain.Period;
import fr.picloud.billing.chargeback.domain.PriceBook;
import fr.picloud.billing.chargeback.domain.TenantTree;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What metering recorded, as the rater reads it. */
public interface UsageSource {

    /**
     * Every chargeable usage overlapping the period (resources that ran in it, setup fees due in it).
     *
     * @param tenant one tenant, or {@code null} for all
     */
    List<Chargeable> chargeables(Period period, String tenant);

    PriceBook priceBook();

    TenantTree tenants();

    /** What billing knows of an order, to explain its lines. */
    record OrderFacts(
            UUID orderId,
            String tenant,
            String costCenter,
            UUID offeringId,
            String offeringCode,
            UUID sagaId,
            String requester,
            Instant completedAt,
            Instant decommissionedAt) {}

    /** One metered resource: its usage interval and the events that opened and closed it. */
    record ResourceFacts(
            String resourceId,
            String name,
            String kind,
            String flavor,
            Integer vcpus,
            Integer ramGb,
            Integer sizeGb,
            String address,
            Instant startedAt,
            Instant endedAt,
            UUID openedByEvent,
            UUID closedByEvent) {}

    Optional<OrderFacts> order(UUID orderId);

    /** The order's resources, their usage ending at the earliest of their deletion and the order's. */
    List<ResourceFacts> resources(UUID orderId);

    /** Whether any fact that rating reads changed at or after {@code since} (a late event). */
    boolean changedSince(Instant since);
}
