package fr.picloud.order.ordering.adapter.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

@Entity
@Table(name = "wave_order")
class WaveOrderEntity {

    @Id
    @Column(name = "order_id")
    UUID orderId;

    @Column(name = "wave_id")
    UUID waveId;

    @Column(name = "tenant_id")
    String tenantId;

    @Column(name = "application_id")
    String applicationId;
}
