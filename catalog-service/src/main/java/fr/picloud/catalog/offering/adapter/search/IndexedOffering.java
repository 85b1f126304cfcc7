package fr.picloud.catalog.offering.adapter.search;

import java.util.List;
import java.util.UUID;

/** What the search index holds of an offering: what a search matches on and what a hit shows. */
record IndexedOffering(
        UUID id,
        String code,
        String nameFr,
        String nameEn,
        String descriptionFr,
        String descriptionEn,
        String category,
        String providerId,
        String providerName,
        List<String> tags,
        String slaTier,
        String status) {}
