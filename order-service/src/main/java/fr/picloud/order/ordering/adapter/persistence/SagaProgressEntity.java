package fr.picloud.order.ordering.adapter.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** The row of a saga's progress; {@link JpaSagaProgress} maps it to and from the domain. */
@Entity
@Table(name = "saga_progress")
class SagaProgressEntity {

    @Id
    @Column(name = "saga_id")
    UUID sagaId;

    @Column(name = "order_id")
    UUID orderId;

    String kind;

    String phase;

    /** JSON array of the steps, in the saga's order. */
    String steps;

    @Column(name = "started_at")
    Instant startedAt;

    @Column(name = "updated_at")
    Instant updatedAt;

    /** Two consumers of one saga's events (a rebalance) meet here: the second one is redelivered. */
    @Version
    Long version;
}
