package fr.picloud.catalog.offering.adapter.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "offering")
class OfferingEntity {

    @Id
    UUID id;

    String code;

    @Column(name = "name_fr")
    String nameFr;

    @Column(name = "name_en")
    String nameEn;

    @Column(name = "description_fr")
    String descriptionFr;

    @Column(name = "description_en")
    String descriptionEn;

    String category;

    @Column(name = "provider_id")
    String providerId;

    @Column(name = "provider_name")
    String providerName;

    @Column(name = "provider_secnumcloud")
    boolean providerSecNumCloud;

    @Column(name = "provider_data_location")
    String providerDataLocation;

    @JdbcTypeCode(SqlTypes.ARRAY)
    String[] tags;

    @Column(name = "sla_tier")
    String slaTier;

    @Column(name = "offering_version")
    String offeringVersion;

    String status;

    long revision;

    @Column(name = "parameter_schema")
    String parameterSchema;

    @Column(name = "resource_template")
    String resourceTemplate;

    @Column(name = "price_lists")
    String priceLists;

    @Column(name = "max_lifetime_days")
    Integer maxLifetimeDays;

    /** The reference price a price-range search files the offering under (V6); null in no range. */
    @Column(name = "monthly_price")
    BigDecimal monthlyPrice;

    @Column(name = "price_changes_on")
    LocalDate priceChangesOn;

    /** Null until first stored: that is how Spring Data knows to insert without a look-up. */
    @Version
    Long version;
}
