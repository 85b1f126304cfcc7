package fr.picloud.order.ordering.adapter.persistence;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface OperationJpaRepository extends JpaRepository<OperationEntity, UUID> {

    Optional<OperationEntity> findByOrderIdAndIdempotencyKey(UUID orderId, String idempotencyKey);

    List<OperationEntity> findByOrderIdOrderByRequestedAtAscIdAsc(UUID orderId);

    Optional<OperationEntity> findFirstByOrderIdAndStatusIn(UUID orderId, Collection<String> statuses);
}
