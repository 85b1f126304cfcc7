package fr.picloud.provisioning.saga.application;

import fr.picloud.provisioning.saga.domain.Saga;
import fr.picloud.provisioning.saga.domain.SagaKind;
import fr.picloud.provisioning.saga.domain.SagaStatus;
import fr.picloud.provisioning.saga.domain.SagaStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Sagas in memory, stored header and steps apart as the database keeps them. */
final class InMemorySagaRepository implements SagaRepository {

    private final Map<UUID, Saga> headers = new HashMap<>();
    private final Map<UUID, List<SagaStep>> steps = new HashMap<>();
    private final Map<UUID, OperatorAction> requested = new HashMap<>();
    private final Map<UUID, List<AuditEntry>> audits = new HashMap<>();

    @Override
    public synchronized boolean insert(Saga saga) {
        boolean onePerOrder = saga.kind() != SagaKind.OPERATION;
        if (headers.containsKey(saga.id())
                || (onePerOrder && findByOrder(saga.orderId(), saga.kind()).isPresent())) {
            return false;
        }
        headers.put(saga.id(), saga);
        steps.put(saga.id(), new ArrayList<>(saga.steps()));
        return true;
    }

    @Override
    public synchronized Optional<Saga> find(UUID sagaId) {
        Saga header = headers.get(sagaId);
        if (header == null) {
            return Optional.empty();
        }
        List<SagaStep> stored = List.copyOf(steps.get(sagaId));
        return Optional.of(header.withSteps(step -> stored.get(step.ordinal())));
    }

    @Override
    public synchronized Optional<Saga> findByOrder(UUID orderId, SagaKind kind) {
        return headers.values().stream()
                .filter(saga -> saga.orderId().equals(orderId) && saga.kind() == kind)
                .findFirst()
                .flatMap(saga -> find(saga.id()));
    }

    @Override
    public synchronized List<Saga> findAllByOrder(UUID orderId, SagaKind kind) {
        return headers.values().stream()
                .filter(saga -> saga.orderId().equals(orderId) && saga.kind() == kind)
                .sorted(Comparator.comparing(Saga::createdAt).thenComparing(Saga::id))
                .map(saga -> find(saga.id()).orElseThrow())
                .toList();
    }

    @Override
    public synchronized void updateHeader(Saga saga) {
        headers.put(saga.id(), saga);
    }

    @Override
    public synchronized void updateStep(UUID sagaId, SagaStep step) {
        steps.get(sagaId).set(step.ordinal(), step);
    }

    @Override
    public synchronized List<Saga> list(SagaStatus status, UUID orderId, boolean stuckOnly, Instant now, int limit) {
        return headers.keySet().stream()
                .map(id -> find(id).orElseThrow())
                .filter(saga -> status == null || saga.status() == status)
                .filter(saga -> orderId == null || saga.orderId().equals(orderId))
                .filter(saga -> !stuckOnly || saga.stuck(now))
                .sorted(Comparator.comparing(Saga::createdAt).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Map<SagaStatus, Long> countByStatus() {
        Map<SagaStatus, Long> counts = new EnumMap<>(SagaStatus.class);
        headers.values().forEach(saga -> counts.merge(saga.status(), 1L, Long::sum));
        return counts;
    }

    @Override
    public synchronized long countStuck(Instant now) {
        return headers.values().stream().filter(saga -> saga.stuck(now)).count();
    }

    @Override
    public synchronized void requestAction(UUID sagaId, OperatorAction action, String actor, Instant at) {
        requested.put(sagaId, action);
        audits.computeIfAbsent(sagaId, id -> new ArrayList<>()).add(new AuditEntry(at, actor, action.name()));
    }

    @Override
    public synchronized Optional<OperatorAction> takeRequestedAction(UUID sagaId) {
        return Optional.ofNullable(requested.remove(sagaId));
    }

    @Override
    public synchronized List<AuditEntry> audit(UUID sagaId) {
        return List.copyOf(audits.getOrDefault(sagaId, List.of()));
    }

    @Override
    public List<UUID> unscheduledActiveSagas() {
        return List.of();
    }
}
