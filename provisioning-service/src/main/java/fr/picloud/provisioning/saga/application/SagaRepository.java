package fr.picloud.provisioning.saga.application;

import fr.picloud.provisioning.saga.domain.Saga;
import fr.picloud.provisioning.saga.domain.SagaKind;
import fr.picloud.provisioning.saga.domain.SagaStatus;
import fr.picloud.provisioning.saga.domain.SagaStep;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Where sagas and their step logs are kept. Every call joins the caller's transaction. */
public interface SagaRepository {

    /**
     * Stores a new saga; false if it is already stored, or if the order already has its one
     * provisioning or decommission saga (a repeated command).
     */
    boolean insert(Saga saga);

    Optional<Saga> find(UUID sagaId);

    /** The order's provisioning or decommission saga (of which it has at most one). */
    Optional<Saga> findByOrder(UUID orderId, SagaKind kind);

    /** The order's sagas of a kind, oldest first (its day-2 operations). */
    List<Saga> findAllByOrder(UUID orderId, SagaKind kind);

    /** Stores the saga's own fields (status, failure, deadline), not its steps. */
    void updateHeader(Saga saga);

    void updateStep(UUID sagaId, SagaStep step);

    /** Newest first. */
    List<Saga> list(SagaStatus status, UUID orderId, boolean stuckOnly, Instant now, int limit);

    Map<SagaStatus, Long> countByStatus();

    long countStuck(Instant now);

    /** An operator's request, carried out by the saga's next run (never alongside a running one). */
    void requestAction(UUID sagaId, OperatorAction action, String actor, Instant at);

    Optional<OperatorAction> takeRequestedAction(UUID sagaId);

    List<AuditEntry> audit(UUID sagaId);

    /** Sagas not final whose run is not scheduled (a safety net; normally empty). */
    List<UUID> unscheduledActiveSagas();

    enum OperatorAction {
        RETRY,
        COMPENSATE
    }

    record AuditEntry(Instant at, String actor, String action) {}
}
