package fr.picloud.order.ordering.adapter.persistence;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface SagaProgressJpaRepository extends JpaRepository<SagaProgressEntity, UUID> {

    List<SagaProgressEntity> findByOrderIdOrderByStartedAtAscSagaIdAsc(UUID orderId);
}
