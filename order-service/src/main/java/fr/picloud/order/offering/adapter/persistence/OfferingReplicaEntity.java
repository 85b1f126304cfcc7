package fr.picloud.order.offering.adapter.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "offering_replica")
class OfferingReplicaEntity {

    @Id
    @Column(name = "offering_id")
    UUID offeringId;

    long revision;

    String code;

    String status;

    /** The offering's full state as the catalogue published it (JSON). */
    String state;

    @Column(name = "source_event_id")
    UUID sourceEventId;

    @Column(name = "replicated_at")
    Instant replicatedAt;
}
