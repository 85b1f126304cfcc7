package fr.picloud.order.ordering.application;

import fr.picloud.order.ordering.domain.SagaProgress;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where the progress of the orders' sagas is kept. */
public interface SagaProgressRepository {

    Optional<SagaProgress> find(UUID sagaId);

    /** Inserts or updates; the caller holds the transaction. */
    void save(SagaProgress progress);

    /** The order's sagas, the first started first. */
    List<SagaProgress> ofOrder(UUID orderId);
}
