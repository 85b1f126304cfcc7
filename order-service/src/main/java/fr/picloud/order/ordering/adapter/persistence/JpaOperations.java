package fr.picloud.order.ordering.adapter.persistence;

import fr.picloud.contracts.order.OperationType;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.order.ordering.application.OperationRepository;
import fr.picloud.order.ordering.domain.OrderOperation;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Day-2 operations through Spring Data JPA, with a version column for the writers that meet. */
@Repository
class JpaOperations implements OperationRepository {

    private static final List<String> OPEN =
            List.of(OrderOperation.Status.PENDING_APPROVAL.name(), OrderOperation.Status.RUNNING.name());

    private final OperationJpaRepository jpa;
    private final JsonMapper json;

    JpaOperations(OperationJpaRepository jpa, JsonMapper json) {
        this.jpa = jpa;
        this.json = json;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void insert(OrderOperation operation, String idempotencyKey, String requestHash) {
        OperationEntity entity = new OperationEntity();
        OrderOperation.Request request = operation.request();
        entity.id = request.id();
        entity.orderId = request.orderId();
        entity.tenantId = request.tenant();
        entity.type = request.type().name();
        entity.target = request.target() == null ? null : request.target().name();
        entity.targetResource = request.target() == null ? null : json.writeValueAsString(request.target());
        entity.endsAt = request.endsAt();
        entity.flavor = request.flavor();
        entity.vcpus = request.vcpus();
        entity.ramGb = request.ramGb();
        entity.sizeGb = request.sizeGb();
        entity.monthlyDelta = request.monthlyDelta();
        entity.requestedBy = request.requestedBy();
        entity.requestedAt = request.requestedAt();
        entity.idempotencyKey = idempotencyKey;
        entity.requestHash = requestHash;
        copyState(operation, entity);
        // flushed now, so that a second open operation or a reused key fails here, in the caller's hands
        jpa.saveAndFlush(entity);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void update(OrderOperation operation) {
        OperationEntity entity = jpa.findById(operation.id())
                .orElseThrow(() -> new IllegalStateException("no operation " + operation.id() + " to update"));
        copyState(operation, entity);
        jpa.saveAndFlush(entity);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<OrderOperation> find(UUID operationId) {
        return jpa.findById(operationId).map(this::operation);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Keyed> findByKey(UUID orderId, String idempotencyKey) {
        return jpa.findByOrderIdAndIdempotencyKey(orderId, idempotencyKey)
                .map(entity -> new Keyed(operation(entity), entity.requestHash));
    }

    @Override
    @Transactional(readOnly = true)
    public List<OrderOperation> ofOrder(UUID orderId) {
        return jpa.findByOrderIdOrderByRequestedAtAscIdAsc(orderId).stream()
                .map(this::operation)
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<OrderOperation> openOf(UUID orderId) {
        return jpa.findFirstByOrderIdAndStatusIn(orderId, OPEN).map(this::operation);
    }

    private static void copyState(OrderOperation operation, OperationEntity entity) {
        entity.status = operation.status().name();
        entity.decidedBy = operation.decidedBy();
        entity.finishedAt = operation.finishedAt();
        entity.reason = operation.reason();
    }

    private OrderOperation operation(OperationEntity entity) {
        return OrderOperation.restore(
                new OrderOperation.Request(
                        entity.id,
                        entity.orderId,
                        entity.tenantId,
                        OperationType.valueOf(entity.type),
                        entity.targetResource == null
                                ? null
                                : json.readValue(entity.targetResource, ProvisionedResource.class),
                        entity.flavor,
                        entity.vcpus,
                        entity.ramGb,
                        entity.sizeGb,
                        entity.monthlyDelta,
                        entity.requestedBy,
                        entity.requestedAt,
                        entity.endsAt),
                OrderOperation.Status.valueOf(entity.status),
                entity.decidedBy,
                entity.finishedAt,
                entity.reason);
    }
}
