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

    @Column(nullable = false)
    long revision;

    @Column(nullable = false)
    String code;

    @Column(name = "name_fr", nullable = false)
    String nameFr;

    @Column(name = "name_en", nullable = false)
    String nameEn;

    @Column(nullable = false)
    String category;

    @Column(nullable = false)
    String provider;

    @Column(nullable = false)
    String status;

    @Column(name = "source_event_id", nullable = false)
    UUID sourceEventId;

    @Column(name = "replicated_at", nullable = false)
    Instant replicatedAt;
}
