package fr.picloud.order.ordering.application;

import fr.picloud.contracts.Message;
import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.order.offering.application.OfferingReplica;
import fr.picloud.order.offering.domain.ReplicatedOffering;
import fr.picloud.order.ordering.domain.EndDate;
import fr.picloud.order.ordering.domain.Order;
import fr.picloud.order.ordering.domain.OrderRequest;
import fr.picloud.order.ordering.domain.OrderStatus;
import fr.picloud.order.ordering.domain.TimelineEntry;
import fr.picloud.order.tenant.application.QuotaLedger;
import fr.picloud.order.tenant.application.TenantDirectory;
import fr.picloud.order.tenant.domain.ApprovalPolicy;
import fr.picloud.order.tenant.domain.Tenant;
import fr.picloud.platform.domain.IllegalTransitionException;
import fr.picloud.platform.domain.InvalidInputException;
import fr.picloud.platform.domain.InvalidInputException.Violation;
import fr.picloud.platform.domain.NotFoundException;
import fr.picloud.platform.domain.RuleViolationException;
import fr.picloud.platform.security.Roles;
import fr.picloud.pricing.QuantityCeilings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal's order use cases. Each transition, its quota effect, its timeline entry and the
 * messages it causes commit together; another tenant's order does not exist for the caller.
 */
@Service
public class OrderService {

    /** Canonical JSON (map keys sorted) of a request, to recognise the same request sent again. */
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final OrderRepository orders;
    private final OperationRepository operations;
    private final OfferingReplica offerings;
    private final TenantDirectory tenants;
    private final QuotaLedger quotas;
    private final ParameterSchemas schemas;
    private final OrderMessages messages;
    private final TransactionTemplate transaction;
    private final QuantityCeilings ceilings;
    private final EndDateProperties endDates;
    private final Clock clock;

    public OrderService(
            OrderRepository orders,
            OperationRepository operations,
            OfferingReplica offerings,
            TenantDirectory tenants,
            QuotaLedger quotas,
            ParameterSchemas schemas,
            OrderMessages messages,
            TransactionTemplate transaction,
            QuantityCeilings ceilings,
            EndDateProperties endDates,
            Clock clock) {
        this.orders = orders;
        this.operations = operations;
        this.offerings = offerings;
        this.tenants = tenants;
        this.quotas = quotas;
        this.schemas = schemas;
        this.messages = messages;
        this.transaction = transaction;
        this.ceilings = ceilings;
        this.endDates = endDates;
        this.clock = clock;
    }

    /** A placed order, and whether it was placed by an earlier request with the same idempotency key. */
    public record Placement(Order order, boolean replayed) {}

    /**
     * Places an order: validates it against the replica's offering, prices it, reserves its quota
     * and budget, and applies the tenant's approval policy. The same idempotency key with the same
     * request returns the order it placed; with a different request it is refused.
     */
    public Placement place(Caller caller, String idempotencyKey, OrderRequest request) {
        return place(caller, idempotencyKey, request, UUID.randomUUID());
    }

    /**
     * Places an order under an id the caller chose and stored beforehand (another service asking for
     * an order by message), with the same rules as {@link #place(Caller, String, OrderRequest)}.
     */
    public Placement place(Caller caller, String idempotencyKey, OrderRequest request, UUID orderId) {
        String requestHash = fingerprint(request);
        var earlier = orders.findByKey(caller.tenant(), caller.subject(), idempotencyKey);
        if (earlier.isPresent()) {
            return replay(earlier.get(), requestHash, idempotencyKey);
        }
        Tenant tenant = tenants.find(caller.tenant())
                .orElseThrow(() -> new RuleViolationException(
                        "your organisation " + caller.tenant() + " is not a tenant of PI Cloud", "tenant"));
        if (!tenant.hasCostCenter(request.costCenter())) {
            throw new RuleViolationException(
                    "your organisation has no cost centre " + request.costCenter(), "costCenter");
        }
        OfferingState offering = orderable(request.offeringId());
        List<Violation> violations = schemas.violations(
                offering.offeringId(), offering.revision(), parameterSchema(offering), request.parameters());
        if (!violations.isEmpty()) {
            throw new InvalidInputException("the parameters do not satisfy the offering's schema", violations);
        }
        Instant now = clock.instant();
        checkEndDate(request.endsAt(), offering, now);
        OrderPricing pricing = OrderPricing.of(offering, request.parameters(), ceilings, LocalDate.now(clock));
        ApprovalPolicy policy = tenants.policyOf(tenant.id()).orElseThrow();
        Order.Placed placed = Order.place(new Order.Placement(
                orderId,
                tenant.id(),
                caller.subject(),
                request,
                offering.code(),
                offering.category(),
                pricing.boundTemplate(),
                pricing.quote(),
                policy.requiredApprovals(pricing.quote().monthlyTotal(), offering.category()),
                now,
                now.plus(policy.escalateAfter()),
                now.plus(policy.expireAfter()),
                caller.onBehalfBy()));
        try {
            transaction.executeWithoutResult(status -> {
                orders.insert(placed.order(), idempotencyKey, requestHash);
                quotas.reserve(placed.order().id(), tenant.id(), pricing.claim());
                messages.send(placed.order(), placed.messages(), placed.order().timeline());
            });
        } catch (DuplicateKeyException e) {
            // a concurrent request with the same key won the race: answer as a replay of it
            return replay(
                    orders.findByKey(caller.tenant(), caller.subject(), idempotencyKey)
                            .orElseThrow(() -> e),
                    requestHash,
                    idempotencyKey);
        }
        return new Placement(placed.order(), false);
    }

    @Transactional(readOnly = true)
    public Order get(Caller caller, UUID orderId) {
        return orders.find(orderId)
                .filter(order -> order.tenant().equals(caller.tenant()))
                .orElseThrow(() -> notFound(orderId));
    }

    @Transactional(readOnly = true)
    public OrderRepository.Page list(Caller caller, OrderStatus status, int page, int size) {
        return orders.list(caller.tenant(), status, page, size);
    }

    public Order approve(Caller caller, UUID orderId) {
        return transition(caller, orderId, order -> order.approve(caller.subject(), clock.instant()));
    }

    public Order reject(Caller caller, UUID orderId, String reason) {
        return transition(caller, orderId, order -> order.reject(caller.subject(), reason, clock.instant()));
    }

    /** The requester, or an approver of the tenant, withdraws an order not yet in provisioning. */
    public Order cancel(Caller caller, UUID orderId, String reason) {
        return transition(caller, orderId, order -> {
            requireRequesterOrApprover(caller, order);
            return order.cancel(caller.subject(), reason, clock.instant());
        });
    }

    public Order decommission(Caller caller, UUID orderId) {
        return transition(caller, orderId, order -> {
            requireRequesterOrApprover(caller, order);
            operations.openOf(orderId).ifPresent(open -> {
                throw new IllegalTransitionException("order " + orderId + " cannot be decommissioned while operation "
                        + open.id() + " (" + open.describe() + ") is " + open.status() + ": wait for it to end");
            });
            return order.decommission(caller.subject(), clock.instant());
        });
    }

    private Order transition(Caller caller, UUID orderId, Function<Order, List<Message>> move) {
        return transaction.execute(status -> {
            Order order = orders.lock(orderId)
                    .filter(found -> found.tenant().equals(caller.tenant()))
                    .orElseThrow(() -> notFound(orderId));
            int known = order.timeline().size();
            List<Message> caused = move.apply(order);
            orders.update(order);
            if (!order.holdsQuota()) {
                quotas.release(order.id());
            }
            List<TimelineEntry> timeline = order.timeline();
            messages.send(order, caused, timeline.subList(known, timeline.size()));
            return order;
        });
    }

    private static void requireRequesterOrApprover(Caller caller, Order order) {
        if (!caller.subject().equals(order.requester()) && !caller.hasRole(Roles.APPROVER)) {
            throw new AccessDeniedException("only the requester or an approver may do this");
        }
    }

    private OfferingState orderable(UUID offeringId) {
        ReplicatedOffering offering = offerings
                .find(offeringId)
                .orElseThrow(() ->
                        new RuleViolationException("no offering " + offeringId + " in the catalogue", "offeringId"));
        if (!offering.orderable() || offering.state().resourceTemplate() == null) {
            throw new RuleViolationException(
                    "offering " + offering.state().code() + " is "
                            + offering.state().status() + " and cannot be ordered",
                    "offeringId");
        }
        return offering.state();
    }

    /** An order of an offering with a lifetime ceiling carries an end date within it; any end date is ahead enough. */
    private void checkEndDate(Instant endsAt, OfferingState offering, Instant now) {
        EndDate.Policy policy = endDates.policy(offering.code(), offering.maxLifetimeDays());
        if (endsAt == null) {
            if (policy.required()) {
                throw new RuleViolationException(
                        "offering " + offering.code() + " needs an end date (endsAt) at most "
                                + offering.maxLifetimeDays() + " days ahead, at which the platform decommissions"
                                + " the order",
                        "endsAt");
            }
            return;
        }
        EndDate.check(endsAt, policy, now);
    }

    private static Map<String, Object> parameterSchema(OfferingState offering) {
        return offering.parameterSchema() == null ? Map.of("type", "object") : offering.parameterSchema();
    }

    private static Placement replay(OrderRepository.Keyed earlier, String requestHash, String idempotencyKey) {
        if (!earlier.requestHash().equals(requestHash)) {
            throw new IdempotencyKeyReusedException("idempotency key " + idempotencyKey + " already placed order "
                    + earlier.order().id() + " with a different request");
        }
        return new Placement(earlier.order(), true);
    }

    static String fingerprint(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(CANONICAL.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static NotFoundException notFound(UUID orderId) {
        return new NotFoundException("no order " + orderId);
    }
}
