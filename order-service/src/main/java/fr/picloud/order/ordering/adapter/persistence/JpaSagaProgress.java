package fr.picloud.order.ordering.adapter.persistence;

import fr.picloud.order.ordering.application.SagaProgressRepository;
import fr.picloud.order.ordering.domain.SagaProgress;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The sagas' progress through Spring Data JPA, the steps as one JSON column (read and written whole). */
@Repository
class JpaSagaProgress implements SagaProgressRepository {

    private static final TypeReference<List<SagaProgress.Step>> STEPS = new TypeReference<>() {};

    private final SagaProgressJpaRepository jpa;
    private final JsonMapper json;

    JpaSagaProgress(SagaProgressJpaRepository jpa, JsonMapper json) {
        this.jpa = jpa;
        this.json = json;
    }

    @Override
    public Optional<SagaProgress> find(UUID sagaId) {
        return jpa.findById(sagaId).map(this::progress);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void save(SagaProgress progress) {
        SagaProgressEntity entity = jpa.findById(progress.sagaId()).orElseGet(() -> {
            SagaProgressEntity created = new SagaProgressEntity();
            created.sagaId = progress.sagaId();
            created.orderId = progress.orderId();
            return created;
        });
        entity.kind = progress.kind();
        entity.phase = progress.phase().name();
        entity.steps = json.writeValueAsString(progress.steps());
        entity.startedAt = progress.startedAt();
        entity.updatedAt = progress.updatedAt();
        jpa.save(entity);
    }

    @Override
    public List<SagaProgress> ofOrder(UUID orderId) {
        return jpa.findByOrderIdOrderByStartedAtAscSagaIdAsc(orderId).stream()
                .map(this::progress)
                .toList();
    }

    private SagaProgress progress(SagaProgressEntity entity) {
        return new SagaProgress(
                entity.sagaId,
                entity.orderId,
                entity.kind,
                SagaProgress.Phase.valueOf(entity.phase),
                json.readValue(entity.steps, STEPS),
                entity.startedAt,
                entity.updatedAt);
    }
}
