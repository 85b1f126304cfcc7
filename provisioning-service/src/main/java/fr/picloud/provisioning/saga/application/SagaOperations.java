package fr.picloud.provisioning.saga.application;

import fr.picloud.platform.domain.IllegalTransitionException;
import fr.picloud.platform.domain.NotFoundException;
import fr.picloud.provisioning.saga.application.SagaRepository.AuditEntry;
import fr.picloud.provisioning.saga.application.SagaRepository.OperatorAction;
import fr.picloud.provisioning.saga.domain.Saga;
import fr.picloud.provisioning.saga.domain.SagaStatus;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What operators see of sagas and may do to them. An action is recorded (with who asked, for the
 * audit) and carried out by the saga's next run, never alongside a run in progress.
 */
@Service
public class SagaOperations {

    private static final Logger log = LoggerFactory.getLogger(SagaOperations.class);

    private final SagaRepository sagas;
    private final SagaScheduling scheduling;
    private final Clock clock;

    public SagaOperations(SagaRepository sagas, SagaScheduling scheduling, Clock clock) {
        this.sagas = sagas;
        this.scheduling = scheduling;
        this.clock = clock;
    }

    public record SagaView(Saga saga, boolean stuck, List<AuditEntry> audit) {}

    @Transactional(readOnly = true)
    public List<SagaView> list(SagaStatus status, UUID orderId, boolean stuckOnly, int limit) {
        return sagas.list(status, orderId, stuckOnly, clock.instant(), limit).stream()
                .map(saga -> new SagaView(saga, saga.stuck(clock.instant()), List.of()))
                .toList();
    }

    @Transactional(readOnly = true)
    public SagaView get(UUID sagaId) {
        Saga saga = sagas.find(sagaId).orElseThrow(() -> new NotFoundException("saga " + sagaId + " does not exist"));
        return new SagaView(saga, saga.stuck(clock.instant()), sagas.audit(sagaId));
    }

    /** Resumes a saga: failed steps (or failed undos) get a fresh set of attempts and a new deadline. */
    public SagaView retry(UUID sagaId, String actor) {
        return request(
                sagaId,
                OperatorAction.RETRY,
                actor,
                List.of(SagaStatus.RUNNING, SagaStatus.COMPENSATING, SagaStatus.COMPENSATION_FAILED));
    }

    /** Stops a running saga and undoes what it built. */
    public SagaView compensate(UUID sagaId, String actor) {
        return request(sagaId, OperatorAction.COMPENSATE, actor, List.of(SagaStatus.RUNNING));
    }

    private SagaView request(UUID sagaId, OperatorAction action, String actor, List<SagaStatus> allowed) {
        Saga saga = sagas.find(sagaId).orElseThrow(() -> new NotFoundException("saga " + sagaId + " does not exist"));
        if (!allowed.contains(saga.status())) {
            throw new IllegalTransitionException("saga " + sagaId + " is " + saga.status() + ": "
                    + action.name().toLowerCase() + " is only for " + allowed);
        }
        recordRequest(sagaId, action, actor);
        scheduling.runSoon(sagaId);
        log.info("operator {} asked {} of saga {}", actor, action, sagaId);
        return get(sagaId);
    }

    private void recordRequest(UUID sagaId, OperatorAction action, String actor) {
        sagas.requestAction(sagaId, action, actor, clock.instant());
    }
}
