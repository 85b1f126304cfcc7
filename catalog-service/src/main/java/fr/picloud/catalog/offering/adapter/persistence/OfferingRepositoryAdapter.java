package fr.picloud.catalog.offering.adapter.persistence;

import fr.picloud.catalog.offering.application.OfferingRepository;
import fr.picloud.catalog.offering.application.ReferencePrice;
import fr.picloud.catalog.offering.application.ReferencePrices;
import fr.picloud.catalog.offering.domain.Offering;
import fr.picloud.catalog.offering.domain.OfferingCategory;
import fr.picloud.catalog.offering.domain.OfferingDetails;
import fr.picloud.catalog.offering.domain.OfferingStatus;
import fr.picloud.contracts.LocalizedText;
import fr.picloud.contracts.offering.OfferingState.Provider;
import fr.picloud.contracts.offering.PriceList;
import fr.picloud.contracts.offering.ResourceTemplate;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class OfferingRepositoryAdapter implements OfferingRepository {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};
    private static final TypeReference<List<PriceList>> PRICE_LISTS = new TypeReference<>() {};

    private final OfferingJpaRepository jpa;
    private final EntityManager entityManager;
    private final JsonMapper json;
    private final ReferencePrices referencePrices;

    OfferingRepositoryAdapter(
            OfferingJpaRepository jpa, EntityManager entityManager, JsonMapper json, ReferencePrices referencePrices) {
        this.jpa = jpa;
        this.entityManager = entityManager;
        this.json = json;
        this.referencePrices = referencePrices;
    }

    @Override
    public Optional<Offering> find(UUID id) {
        return jpa.findById(id).map(this::toDomain);
    }

    @Override
    public Optional<Offering> findByCode(String code) {
        return jpa.findByCode(code).map(this::toDomain);
    }

    @Override
    public Map<String, Offering> findByCodes(Collection<String> codes) {
        Map<String, Offering> found = new HashMap<>();
        if (!codes.isEmpty()) {
            jpa.findByCodeIn(codes).forEach(entity -> found.put(entity.code, toDomain(entity)));
        }
        return found;
    }

    /**
     * Persists directly: Spring Data's {@code save} first asks whether the entity is new, reading its
     * version through a bean wrapper that fails on the getter-less field (an exception built per row)
     * before falling back to the field, a cost a 22,000-row feed import felt.
     */
    @Override
    public void add(Offering offering) {
        OfferingEntity entity = new OfferingEntity();
        copy(offering, entity);
        entityManager.persist(entity);
    }

    @Override
    public void save(Offering offering) {
        OfferingEntity entity = jpa.findById(offering.id()).orElse(null);
        if (entity == null) {
            add(offering);
            return;
        }
        copy(offering, entity);
        if (!entityManager.contains(entity)) {
            jpa.save(entity);
        }
        // else managed in this transaction: its changes are flushed at commit
    }

    @Override
    public List<UUID> lockPriceChangesDue(LocalDate day, int limit) {
        return jpa.lockPriceChangesDue(day, limit);
    }

    /** Also files the offering under its reference price of today (the search's price range). */
    private void copy(Offering offering, OfferingEntity entity) {
        OfferingDetails details = offering.details();
        entity.id = offering.id();
        entity.code = details.code();
        entity.nameFr = details.name().fr();
        entity.nameEn = details.name().en();
        entity.descriptionFr = details.description().fr();
        entity.descriptionEn = details.description().en();
        entity.category = details.category().name();
        entity.providerId = details.provider().id();
        entity.providerName = details.provider().name();
        entity.providerSecNumCloud = details.provider().secNumCloud();
        entity.providerDataLocation = details.provider().dataLocation();
        entity.tags = details.tags().toArray(String[]::new);
        entity.slaTier = details.slaTier();
        entity.offeringVersion = details.version();
        entity.status = offering.status().name();
        entity.revision = offering.revision();
        entity.parameterSchema = json.writeValueAsString(details.parameterSchema());
        entity.resourceTemplate = json.writeValueAsString(details.resourceTemplate());
        entity.priceLists = json.writeValueAsString(offering.priceLists());
        entity.maxLifetimeDays = details.maxLifetimeDays();
        ReferencePrice price = referencePrices.today(offering);
        entity.monthlyPrice = price.monthly().orElse(null);
        entity.priceChangesOn = price.changesOn().orElse(null);
    }

    private Offering toDomain(OfferingEntity entity) {
        OfferingDetails details = new OfferingDetails(
                entity.code,
                new LocalizedText(entity.nameFr, entity.nameEn),
                new LocalizedText(entity.descriptionFr, entity.descriptionEn),
                OfferingCategory.valueOf(entity.category),
                new Provider(
                        entity.providerId,
                        entity.providerName,
                        entity.providerSecNumCloud,
                        entity.providerDataLocation),
                Arrays.asList(entity.tags),
                entity.slaTier,
                entity.offeringVersion,
                json.readValue(entity.parameterSchema, JSON_OBJECT),
                json.readValue(entity.resourceTemplate, ResourceTemplate.class),
                entity.maxLifetimeDays);
        return Offering.restore(
                entity.id,
                details,
                OfferingStatus.valueOf(entity.status),
                entity.revision,
                json.readValue(entity.priceLists, PRICE_LISTS));
    }
}
