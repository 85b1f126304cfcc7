package fr.picloud.catalog.offering.adapter.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.UUID;

@Entity
@Table(name = "offering")
class OfferingEntity {

    @Id
    UUID id;

    @Column(nullable = false, unique = true)
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

    @Column(nullable = false)
    long revision;

    @Version
    long version;
}
