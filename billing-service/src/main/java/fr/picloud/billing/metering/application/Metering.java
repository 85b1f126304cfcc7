package fr.picloud.billing.metering.application;

import fr.picloud.billing.chargeback.application.TenantUsageChanged;
import fr.picloud.contracts.EventEnvelope;
import fr.picloud.contracts.offering.OfferingEvent;
import fr.picloud.contracts.order.OrderPlaced;
import fr.picloud.contracts.provisioning.DecommissionCompleted;
import fr.picloud.contracts.provisioning.OperationCompleted;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.contracts.provisioning.ProvisioningCompleted;
import fr.picloud.contracts.tenant.TenantUpdated;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns the other services' events into billing facts: price versions, tenants, orders and the
 * lifetime of each resource. Metering comes from events only: provisioning opens a resource's usage
 * when it became ready, decommissioning closes it. Each run in the consumer's transaction.
 */
@Service
public class Metering {

    private final MeteringStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public Metering(MeteringStore store, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** Keeps every price version of the offering; an older revision than the one held changes nothing. */
    @Transactional
    public void replicate(OfferingEvent event) {
        var offering = event.offering();
        if (store.offeringRevision(offering.offeringId())
                .map(held -> held < offering.revision())
                .orElse(true)) {
            store.saveOffering(offering, clock.instant());
        }
    }

    @Transactional
    public void replicate(TenantUpdated event) {
        var tenant = event.tenant();
        if (store.tenantRevision(tenant.tenantId())
                .map(held -> held < tenant.revision())
                .orElse(true)) {
            store.saveTenant(tenant);
            usageChanged(tenant.tenantId());
        }
    }

    @Transactional
    public void placed(OrderPlaced event) {
        store.mergeOrder(
                event.orderId(),
                event.tenant(),
                event.offeringId(),
                event.offeringCode(),
                event.costCenter(),
                event.requester(),
                clock.instant());
        usageChanged(event.tenant());
    }

    /**
     * Usage of each resource starts when it became ready; an event without that instant (an older
     * producer) falls back on the completion, then on the event's own time.
     */
    @Transactional
    public void provisioned(ProvisioningCompleted event, EventEnvelope envelope) {
        Instant now = clock.instant();
        Instant completedAt = Objects.requireNonNullElse(event.completedAt(), envelope.occurredAt());
        String tenant = event.tenant() != null ? event.tenant() : envelope.tenant();
        store.mergeProvisioned(event.orderId(), tenant, event.offeringId(), event.sagaId(), completedAt, now);
        for (ProvisionedResource resource : event.resources()) {
            Instant startedAt = Objects.requireNonNullElse(resource.createdAt(), completedAt);
            store.mergeResourceStarted(event.orderId(), resource, startedAt, envelope.eventId(), now);
        }
        store.tenantOf(event.orderId()).ifPresent(this::usageChanged);
    }

    /** Usage of every resource of the order ends when the decommission completed. */
    @Transactional
    public void decommissioned(DecommissionCompleted event, EventEnvelope envelope) {
        Instant now = clock.instant();
        Instant endedAt = Objects.requireNonNullElse(event.completedAt(), envelope.occurredAt());
        String tenant = event.tenant() != null ? event.tenant() : envelope.tenant();
        store.mergeDecommissioned(event.orderId(), tenant, endedAt, now);
        for (ProvisionedResource resource : event.resources()) {
            store.mergeResourceEnded(event.orderId(), resource, endedAt, envelope.eventId(), now);
        }
        // what day-2 operations opened (a resized server's new row, a snapshot) ends with the order too
        store.endOpenUsage(event.orderId(), null, endedAt, envelope.eventId(), now);
        store.tenantOf(event.orderId()).ifPresent(this::usageChanged);
    }

    /**
     * A day-2 operation took effect at its completion: a resized server or an extended volume is
     * metered as it was until then and as it is from then on (one usage row each, the new one named
     * after the operation); a new snapshot starts its usage, a deleted one ends it. A stop or a start
     * changes nothing: the price lists have no rate for a stopped server, so it is charged as
     * running (docs/billing.md).
     */
    @Transactional
    public void operated(OperationCompleted event, EventEnvelope envelope) {
        Instant now = clock.instant();
        Instant at = event.completedAt();
        switch (event.type()) {
            case RESIZE, EXTEND_VOLUME -> {
                ProvisionedResource changed = event.resource();
                store.endOpenUsage(event.orderId(), changed.openstackId(), at, envelope.eventId(), now);
                store.mergeResourceStarted(
                        event.orderId(),
                        new ProvisionedResource(
                                changed.name(),
                                changed.kind(),
                                changed.openstackId() + "@" + event.operationId(),
                                changed.flavor(),
                                changed.vcpus(),
                                changed.ramGb(),
                                changed.sizeGb(),
                                changed.address(),
                                at),
                        at,
                        envelope.eventId(),
                        now);
            }
            case SNAPSHOT ->
                store.mergeResourceStarted(
                        event.orderId(),
                        event.resource(),
                        Objects.requireNonNullElse(event.resource().createdAt(), at),
                        envelope.eventId(),
                        now);
            case DELETE_SNAPSHOT ->
                store.endOpenUsage(event.orderId(), event.removed().openstackId(), at, envelope.eventId(), now);
            case STOP, START, REBOOT -> {
                return;
            }
        }
        store.tenantOf(event.orderId()).ifPresent(this::usageChanged);
    }

    private void usageChanged(String tenant) {
        if (tenant != null) {
            events.publishEvent(new TenantUsageChanged(tenant));
        }
    }
}
