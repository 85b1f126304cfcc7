package fr.picloud.order.ordering.adapter.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The row of a day-2 operation; {@link JpaOperations} maps it to and from the domain. */
@Entity
@Table(name = "order_operation")
class OperationEntity {

    @Id
    UUID id;

    @Column(name = "order_id")
    UUID orderId;

    @Column(name = "tenant_id")
    String tenantId;

    String type;

    String target;

    @Column(name = "target_resource")
    String targetResource;

    String flavor;

    Integer vcpus;

    @Column(name = "ram_gb")
    Integer ramGb;

    @Column(name = "size_gb")
    Integer sizeGb;

    @Column(name = "monthly_delta")
    BigDecimal monthlyDelta;

    String status;

    @Column(name = "requested_by")
    String requestedBy;

    @Column(name = "requested_at")
    Instant requestedAt;

    @Column(name = "decided_by")
    String decidedBy;

    @Column(name = "finished_at")
    Instant finishedAt;

    String reason;

    @Column(name = "ends_at")
    Instant endsAt;

    @Column(name = "idempotency_key")
    String idempotencyKey;

    @Column(name = "request_hash")
    String requestHash;

    /** Two writers of one operation (an approver, an outcome) meet here: the second one retries. */
    @Version
    long version;
}
