package fr.picloud.order.ordering.adapter.messaging;

import fr.picloud.contracts.Topics;
import fr.picloud.contracts.migration.WaveLaunched;
import fr.picloud.contracts.order.OrderRequestRefused;
import fr.picloud.contracts.order.PlaceOrderRequested;
import fr.picloud.order.ordering.application.Caller;
import fr.picloud.order.ordering.application.IdempotencyKeyReusedException;
import fr.picloud.order.ordering.application.LaunchedWaves;
import fr.picloud.order.ordering.application.OrderService;
import fr.picloud.order.ordering.domain.OrderRequest;
import fr.picloud.order.tenant.application.TenantDirectory;
import fr.picloud.order.tenant.domain.Tenant;
import fr.picloud.platform.domain.DomainException;
import fr.picloud.platform.domain.InvalidInputException;
import fr.picloud.platform.domain.RuleViolationException;
import fr.picloud.platform.messaging.AwaitedEventMissingException;
import fr.picloud.platform.messaging.EventPublisher;
import fr.picloud.platform.messaging.InboundEventProcessor;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Binding {@code orderRequests-in-0}: orders other services ask for (migration waves), consumer group
 * order-service. Each is placed like a portal order (same validation, quota and approval policy) under
 * the order id the asking service chose, if a launched wave ({@code launchedWaves-in-0}, from
 * {@code picloud.migration.waves}) names that order for that tenant; one that cannot be placed is
 * answered with {@link OrderRequestRefused}. A request read before its wave (the topics are read
 * independently) is retried until the wave arrives, then dead-lettered.
 */
@Configuration
class OrderRequestsConsumer {

    static final String CONSUMER = "order-service.order-requests";
    static final String WAVES_CONSUMER = "order-service.launched-waves";
    /** Only migration-service may write the order requests topic (Kafka ACLs, docs/security.md). */
    static final String PLACED_BY = "migration-service";

    private static final Logger log = LoggerFactory.getLogger(OrderRequestsConsumer.class);

    @Bean
    Consumer<Message<byte[]>> launchedWaves(InboundEventProcessor inbound, LaunchedWaves waves) {
        return message -> inbound.process(WAVES_CONSUMER, message, event -> {
            if (event.payload() instanceof WaveLaunched wave) {
                waves.record(wave);
            }
        });
    }

    @Bean
    Consumer<Message<byte[]>> orderRequests(
            InboundEventProcessor inbound,
            OrderService orders,
            TenantDirectory tenants,
            LaunchedWaves waves,
            EventPublisher events,
            PlatformTransactionManager transactions) {
        // the placement commits on its own, as a portal order does: a refusal inside it must not doom the
        // inbox transaction that records the request and publishes the refusal
        TransactionTemplate outsideInbox = new TransactionTemplate(transactions);
        outsideInbox.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        return message -> inbound.process(CONSUMER, message, event -> {
            if (!(event.payload() instanceof PlaceOrderRequested request)) {
                return;
            }
            try {
                checkAgainstWave(waves, request);
                outsideInbox.executeWithoutResult(status -> place(orders, tenants, request));
            } catch (IdempotencyKeyReusedException e) {
                // the order exists, placed by an earlier, different request under the same id: nothing to refuse
                log.warn("order request {} conflicts with the order already placed under its id", request.orderId());
            } catch (DomainException e) {
                events.publish(
                        new OrderRequestRefused(request.orderId(), request.tenant(), e.getMessage(), violations(e)),
                        request.tenant(),
                        request.orderId().toString());
            }
        });
    }

    /**
     * The request must be for an order a launched wave asks for, and for the tenant the wave names:
     * whoever else writes the topic cannot order for a tenant outside the migration plan.
     */
    private static void checkAgainstWave(LaunchedWaves waves, PlaceOrderRequested request) {
        LaunchedWaves.WaveOrder planned = waves.order(request.orderId())
                .orElseThrow(() -> new AwaitedEventMissingException("order request " + request.orderId()
                        + " is for an order no launched migration wave asks for (yet): waiting for its wave on "
                        + Topics.MIGRATION_WAVES));
        if (!planned.tenant().equals(request.tenant())) {
            throw new RuleViolationException(
                    "order " + request.orderId() + " is asked for tenant " + request.tenant() + ", but migration wave "
                            + planned.waveId() + " plans it for tenant " + planned.tenant() + " ("
                            + planned.applicationId() + ")",
                    "tenant");
        }
    }

    private static void place(OrderService orders, TenantDirectory tenants, PlaceOrderRequested request) {
        String costCenter = request.costCenter() != null
                ? request.costCenter()
                : tenants.find(request.tenant()).map(Tenant::costCenters).orElse(List.of()).stream()
                        .findFirst()
                        .map(Tenant.CostCenter::code)
                        .orElse("");
        orders.place(
                // the request names its tenant and requester: recorded as placed by migration on the lead's behalf
                new Caller(request.requester(), request.tenant(), Set.of(), PLACED_BY),
                "order-request:" + request.orderId(),
                new OrderRequest(request.offeringId(), request.parameters(), costCenter, request.justification()),
                request.orderId());
    }

    private static List<OrderRequestRefused.Violation> violations(DomainException e) {
        if (e instanceof InvalidInputException invalid) {
            return invalid.violations().stream()
                    .map(violation -> new OrderRequestRefused.Violation(violation.field(), violation.message()))
                    .toList();
        }
        return e.field() == null ? List.of() : List.of(new OrderRequestRefused.Violation(e.field(), e.getMessage()));
    }
}
