package fr.picloud.order.ordering.application;

import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.contracts.offering.PriceList;
import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.contracts.order.OperationRequested;
import fr.picloud.contracts.order.OperationType;
import fr.picloud.contracts.provisioning.OperationCompleted;
import fr.picloud.contracts.provisioning.OperationFailed;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.order.offering.application.OfferingReplica;
import fr.picloud.order.offering.domain.ReplicatedOffering;
import fr.picloud.order.ordering.domain.EndDate;
import fr.picloud.order.ordering.domain.Order;
import fr.picloud.order.ordering.domain.OrderOperation;
import fr.picloud.order.ordering.domain.OrderStatus;
import fr.picloud.order.ordering.domain.TimelineEntry;
import fr.picloud.order.tenant.application.QuotaLedger;
import fr.picloud.order.tenant.application.TenantDirectory;
import fr.picloud.order.tenant.domain.ApprovalPolicy;
import fr.picloud.order.tenant.domain.QuotaAmounts;
import fr.picloud.platform.domain.IllegalTransitionException;
import fr.picloud.platform.domain.NotFoundException;
import fr.picloud.platform.domain.RuleViolationException;
import fr.picloud.platform.security.Roles;
import fr.picloud.pricing.Footprint;
import fr.picloud.pricing.PricingCalculator;
import fr.picloud.pricing.QuantityCeilings;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Day-2 operations on completed orders: checked against the order (its status, its resources, the
 * offering's flavors), the tenant's quota and budget (the growth only) and approval policy (an
 * operation that costs more a month than the policy approves by itself waits for an approver), then
 * sent to provisioning. The operation, its reservation, the order's timeline entry and the command
 * commit together; a refused operation leaves nothing behind.
 */
@Service
public class OperationService {

    private static final Logger log = LoggerFactory.getLogger(OperationService.class);

    private final OrderRepository orders;
    private final OperationRepository operations;
    private final OfferingReplica offerings;
    private final TenantDirectory tenants;
    private final QuotaLedger quotas;
    private final OrderMessages messages;
    private final TransactionTemplate transaction;
    private final QuantityCeilings ceilings;
    private final EndDateProperties endDates;
    private final Clock clock;

    public OperationService(
            OrderRepository orders,
            OperationRepository operations,
            OfferingReplica offerings,
            TenantDirectory tenants,
            QuotaLedger quotas,
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
        this.messages = messages;
        this.transaction = transaction;
        this.ceilings = ceilings;
        this.endDates = endDates;
        this.clock = clock;
    }

    /**
     * What an agent asks for.
     *
     * @param target the name of the order's resource (server, volume or snapshot) it acts on
     * @param flavor RESIZE: the new flavor, one of the offering's
     * @param sizeGb EXTEND_VOLUME: the new size, larger than the volume's
     * @param endsAt SET_EXPIRY: the order's new end date
     */
    public record Ask(OperationType type, String target, String flavor, Integer sizeGb, Instant endsAt) {

        public Ask {
            // to the second, as the database and every message keep it
            endsAt = endsAt == null ? null : endsAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        }

        public Ask(OperationType type, String target, String flavor, Integer sizeGb) {
            this(type, target, flavor, sizeGb, null);
        }
    }

    /** An operation, and whether an earlier request with the same idempotency key asked for it. */
    public record Requested(OrderOperation operation, boolean replayed) {}

    public Requested request(Caller caller, UUID orderId, String idempotencyKey, Ask ask) {
        String requestHash = OrderService.fingerprint(ask);
        try {
            return transaction.execute(status -> {
                Order order = lockOwn(caller, orderId);
                Optional<OperationRepository.Keyed> earlier = operations.findByKey(orderId, idempotencyKey);
                if (earlier.isPresent()) {
                    return replay(earlier.get(), requestHash, idempotencyKey);
                }
                requireRequesterOrApprover(caller, order);
                return new Requested(start(caller, order, ask, idempotencyKey, requestHash), false);
            });
        } catch (DataIntegrityViolationException e) {
            // a concurrent request won the race: the same key (a replay), or another operation now open
            return operations
                    .findByKey(orderId, idempotencyKey)
                    .map(keyed -> replay(keyed, requestHash, idempotencyKey))
                    .orElseThrow(() -> new IllegalTransitionException(
                            "another operation of order " + orderId + " started at the same time: one at a time"));
        }
    }

    private OrderOperation start(Caller caller, Order order, Ask ask, String idempotencyKey, String requestHash) {
        if (order.status() != OrderStatus.COMPLETED) {
            throw new IllegalTransitionException("order " + order.id() + " is " + order.status()
                    + ": only a completed order's resources can be operated on");
        }
        if (!ask.type().onCloud()) {
            return setEnd(caller, order, ask, idempotencyKey, requestHash);
        }
        if (ask.target() == null || ask.target().isBlank()) {
            throw new RuleViolationException(
                    "a " + ask.type() + " needs its target: the name of the order's "
                            + ask.type().targetKind(),
                    "target");
        }
        operations.openOf(order.id()).ifPresent(open -> {
            throw new IllegalTransitionException("operation " + open.id() + " (" + open.describe() + ") is still "
                    + open.status() + " on this order: one operation at a time");
        });
        ProvisionedResource target = target(order, ask);
        Change change = change(order, ask, target);
        Instant now = clock.instant();
        ApprovalPolicy policy = tenants.policyOf(order.tenant()).orElseThrow();
        boolean needsApproval = change.monthlyDelta().signum() > 0
                && policy.requiredApprovals(change.monthlyDelta(), order.category()) > 0;
        OrderOperation.Requested requested = OrderOperation.request(
                new OrderOperation.Request(
                        UUID.randomUUID(),
                        order.id(),
                        order.tenant(),
                        ask.type(),
                        target,
                        change.flavor(),
                        change.vcpus(),
                        change.ramGb(),
                        change.sizeGb(),
                        change.monthlyDelta(),
                        caller.subject(),
                        now,
                        null),
                needsApproval);
        OrderOperation operation = requested.operation();
        operations.insert(operation, idempotencyKey, requestHash);
        if (!change.growth().equals(QuotaAmounts.NONE)) {
            quotas.reserve(operation.id(), order.tenant(), change.growth());
        }
        int known = order.timeline().size();
        order.operationRequested(operation, now);
        orders.update(order);
        List<TimelineEntry> timeline = order.timeline();
        messages.send(
                order,
                requested
                        .command()
                        .<List<fr.picloud.contracts.Message>>map(List::of)
                        .orElse(List.of()),
                timeline.subList(known, timeline.size()));
        return operation;
    }

    /**
     * SET_EXPIRY: the order's new end date, within the offering's policy as it is today (the
     * replica's), taking effect at once; it needs no approval and runs beside an open cloud operation.
     */
    private OrderOperation setEnd(Caller caller, Order order, Ask ask, String idempotencyKey, String requestHash) {
        if (ask.endsAt() == null) {
            throw new RuleViolationException("a SET_EXPIRY needs the new end date, endsAt", "endsAt");
        }
        Integer maxLifetimeDays = offerings
                .find(order.request().offeringId())
                .map(ReplicatedOffering::state)
                .map(OfferingState::maxLifetimeDays)
                .orElse(null);
        EndDate.Policy policy = endDates.policy(order.offeringCode(), maxLifetimeDays);
        Instant now = clock.instant();
        int known = order.timeline().size();
        List<fr.picloud.contracts.Message> caused = order.setEnd(ask.endsAt(), caller.subject(), policy, now);
        OrderOperation operation = OrderOperation.done(new OrderOperation.Request(
                UUID.randomUUID(),
                order.id(),
                order.tenant(),
                ask.type(),
                null,
                null,
                null,
                null,
                null,
                BigDecimal.ZERO,
                caller.subject(),
                now,
                ask.endsAt()));
        operations.insert(operation, idempotencyKey, requestHash);
        orders.update(order);
        List<TimelineEntry> timeline = order.timeline();
        messages.send(order, caused, timeline.subList(known, timeline.size()));
        return operation;
    }

    @Transactional(readOnly = true)
    public List<OrderOperation> list(Caller caller, UUID orderId) {
        orders.find(orderId)
                .filter(order -> order.tenant().equals(caller.tenant()))
                .orElseThrow(() -> notFound(orderId));
        return operations.ofOrder(orderId);
    }

    @Transactional(readOnly = true)
    public OrderOperation get(Caller caller, UUID orderId, UUID operationId) {
        orders.find(orderId)
                .filter(order -> order.tenant().equals(caller.tenant()))
                .orElseThrow(() -> notFound(orderId));
        return operations
                .find(operationId)
                .filter(operation -> operation.request().orderId().equals(orderId))
                .orElseThrow(() -> new NotFoundException("no operation " + operationId + " on order " + orderId));
    }

    public OrderOperation approve(Caller caller, UUID orderId, UUID operationId) {
        return decide(caller, orderId, operationId, operation -> {
            OperationRequested command = operation.approve(caller.subject());
            return List.of(command);
        });
    }

    public OrderOperation reject(Caller caller, UUID orderId, UUID operationId, String reason) {
        return decide(caller, orderId, operationId, operation -> {
            operation.reject(caller.subject(), reason, clock.instant());
            quotas.release(operation.id());
            return List.of();
        });
    }

    private OrderOperation decide(
            Caller caller,
            UUID orderId,
            UUID operationId,
            Function<OrderOperation, List<fr.picloud.contracts.Message>> decision) {
        return transaction.execute(status -> {
            Order order = lockOwn(caller, orderId);
            OrderOperation operation = operations
                    .find(operationId)
                    .filter(found -> found.request().orderId().equals(orderId))
                    .orElseThrow(() -> new NotFoundException("no operation " + operationId + " on order " + orderId));
            List<fr.picloud.contracts.Message> caused = decision.apply(operation);
            operations.update(operation);
            int known = order.timeline().size();
            order.operationDecided(operation, clock.instant());
            orders.update(order);
            List<TimelineEntry> timeline = order.timeline();
            messages.send(order, caused, timeline.subList(known, timeline.size()));
            return operation;
        });
    }

    /**
     * Provisioning carried the operation out: its growth joins the order's reservation, a shrink is
     * given back, the order's inventory shows the resource as it now is. Runs in the consumer's
     * transaction, with the order locked; a repeated outcome changes nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void completed(Order order, OperationCompleted outcome) {
        OrderOperation operation = known(outcome.operationId());
        if (operation == null || !operation.complete(outcome.completedAt())) {
            return;
        }
        quotas.absorb(operation.id(), order.id());
        QuotaAmounts shrink = shrink(operation, outcome);
        if (!shrink.equals(QuotaAmounts.NONE)) {
            quotas.giveBack(order.id(), shrink);
        }
        operations.update(operation);
        order.operationCompleted(operation, outcome.resource(), outcome.removed());
    }

    /** Provisioning could not carry it out (and undid what it could): the growth is released. */
    @Transactional(propagation = Propagation.MANDATORY)
    void failed(Order order, OperationFailed outcome) {
        OrderOperation operation = known(outcome.operationId());
        String reason =
                outcome.undone() ? outcome.reason() : outcome.reason() + " (not undone: an operator must look at it)";
        if (operation == null || !operation.fail(reason, outcome.failedAt())) {
            return;
        }
        quotas.release(operation.id());
        operations.update(operation);
        order.operationFailed(operation);
    }

    private OrderOperation known(UUID operationId) {
        OrderOperation operation = operations.find(operationId).orElse(null);
        if (operation == null) {
            log.warn("outcome of unknown operation {} dropped", operationId);
        }
        return operation;
    }

    /** What the order's reservation sheds once the operation took effect. */
    private static QuotaAmounts shrink(OrderOperation operation, OperationCompleted outcome) {
        OrderOperation.Request request = operation.request();
        BigDecimal saved =
                request.monthlyDelta().signum() < 0 ? request.monthlyDelta().negate() : BigDecimal.ZERO;
        return switch (request.type()) {
            case RESIZE ->
                new QuotaAmounts(
                        Math.max(0, orZero(request.target().vcpus()) - orZero(request.vcpus())),
                        Math.max(0, orZero(request.target().ramGb()) - orZero(request.ramGb())),
                        0,
                        0,
                        0,
                        saved);
            case DELETE_SNAPSHOT ->
                new QuotaAmounts(
                        0,
                        0,
                        orZero(
                                outcome.removed() != null
                                        ? outcome.removed().sizeGb()
                                        : request.target().sizeGb()),
                        0,
                        0,
                        saved);
            default -> QuotaAmounts.NONE;
        };
    }

    /** The new values an operation sets, its quota growth and what it adds to the monthly cost. */
    private record Change(
            String flavor,
            Integer vcpus,
            Integer ramGb,
            Integer sizeGb,
            QuotaAmounts growth,
            BigDecimal monthlyDelta) {}

    private Change change(Order order, Ask ask, ProvisionedResource target) {
        return switch (ask.type()) {
            case RESIZE -> {
                if (ask.flavor() == null || ask.flavor().isBlank()) {
                    throw new RuleViolationException("a resize needs the new flavor", "flavor");
                }
                ResourceTemplate template = order.boundTemplate();
                ResourceTemplate.Flavor flavor = template.flavors().get(ask.flavor());
                if (flavor == null) {
                    throw new RuleViolationException(
                            "flavor " + ask.flavor() + " is not among the offering's flavors "
                                    + template.flavors().keySet().stream()
                                            .sorted()
                                            .toList(),
                            "flavor");
                }
                if (ask.flavor().equals(target.flavor())) {
                    throw new RuleViolationException(
                            "server " + target.name() + " already has flavor " + ask.flavor(), "flavor");
                }
                ResourceTemplate.Flavor former = template.flavors().get(target.flavor());
                int fromVcpus = target.vcpus() != null ? target.vcpus() : former == null ? 0 : former.vcpus();
                int fromRam = target.ramGb() != null ? target.ramGb() : former == null ? 0 : former.ramGb();
                int vcpus = flavor.vcpus() - fromVcpus;
                int ram = flavor.ramGb() - fromRam;
                BigDecimal delta = monthly(order, new Footprint(vcpus, ram, 0, 0, 0));
                yield new Change(
                        ask.flavor(),
                        flavor.vcpus(),
                        flavor.ramGb(),
                        null,
                        new QuotaAmounts(Math.max(0, vcpus), Math.max(0, ram), 0, 0, 0, positive(delta)),
                        delta);
            }
            case EXTEND_VOLUME -> {
                if (ask.sizeGb() == null) {
                    throw new RuleViolationException("an extension needs the new size, sizeGb", "sizeGb");
                }
                int from = orZero(target.sizeGb());
                if (ask.sizeGb() <= from) {
                    throw new RuleViolationException(
                            "volume " + target.name() + " has " + from + " GB: a volume can only grow (Cinder cannot"
                                    + " shrink one), ask for more than " + from + " GB",
                            "sizeGb");
                }
                if (ask.sizeGb() > ceilings.gbPerVolume()) {
                    throw new RuleViolationException(
                            "a volume holds at most " + ceilings.gbPerVolume() + " GB", "sizeGb");
                }
                int growth = ask.sizeGb() - from;
                BigDecimal delta = monthly(order, new Footprint(0, 0, growth, 0, 0));
                yield new Change(
                        null, null, null, ask.sizeGb(), new QuotaAmounts(0, 0, growth, 0, 0, positive(delta)), delta);
            }
            case SNAPSHOT -> {
                int size = orZero(target.sizeGb());
                BigDecimal delta = monthly(order, new Footprint(0, 0, size, 0, 0));
                yield new Change(null, null, null, null, new QuotaAmounts(0, 0, size, 0, 0, positive(delta)), delta);
            }
            case DELETE_SNAPSHOT -> {
                BigDecimal delta = monthly(order, new Footprint(0, 0, -orZero(target.sizeGb()), 0, 0));
                yield new Change(null, null, null, null, QuotaAmounts.NONE, delta);
            }
            case STOP, START, REBOOT -> new Change(null, null, null, null, QuotaAmounts.NONE, BigDecimal.ZERO);
            case SET_EXPIRY -> throw new IllegalStateException("SET_EXPIRY changes no resource");
        };
    }

    /** What {@code footprint} (which may be negative) costs a month at the offering's prices of today. */
    private BigDecimal monthly(Order order, Footprint footprint) {
        Optional<PriceList> prices = offerings
                .find(order.request().offeringId())
                .map(ReplicatedOffering::state)
                .map(OfferingState::priceLists)
                .flatMap(lists -> PricingCalculator.inForceOn(lists, LocalDate.now(clock)));
        return prices.map(
                        list -> PricingCalculator.monthlyQuote(list, footprint).monthlyTotal())
                .orElse(BigDecimal.ZERO);
    }

    private static ProvisionedResource target(Order order, Ask ask) {
        String kind = ask.type().targetKind();
        List<ProvisionedResource> candidates =
                Objects.requireNonNullElse(order.resources(), List.<ProvisionedResource>of()).stream()
                        .filter(resource -> resource.kind().equals(kind))
                        .toList();
        return candidates.stream()
                .filter(resource -> resource.name().equals(ask.target()))
                .findFirst()
                .orElseThrow(() -> new RuleViolationException(
                        "order " + order.id() + " has no " + kind + " named " + ask.target() + "; its " + kind + "s: "
                                + candidates.stream()
                                        .map(ProvisionedResource::name)
                                        .toList(),
                        "target"));
    }

    private Order lockOwn(Caller caller, UUID orderId) {
        return orders.lock(orderId)
                .filter(found -> found.tenant().equals(caller.tenant()))
                .orElseThrow(() -> notFound(orderId));
    }

    private static Requested replay(OperationRepository.Keyed earlier, String requestHash, String idempotencyKey) {
        if (!earlier.requestHash().equals(requestHash)) {
            throw new IdempotencyKeyReusedException("idempotency key " + idempotencyKey
                    + " already asked for operation " + earlier.operation().id() + " with a different request");
        }
        return new Requested(earlier.operation(), true);
    }

    private static void requireRequesterOrApprover(Caller caller, Order order) {
        if (!caller.subject().equals(order.requester()) && !caller.hasRole(Roles.APPROVER)) {
            throw new AccessDeniedException("only the order's requester or an approver may operate on it");
        }
    }

    private static BigDecimal positive(BigDecimal amount) {
        return amount.signum() > 0 ? amount : BigDecimal.ZERO;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static NotFoundException notFound(UUID orderId) {
        return new NotFoundException("no order " + orderId);
    }
}
