package fr.picloud.catalog.offering.application;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Full-text and faceted search over the catalogue. */
public interface OfferingSearch {

    /**
     * @param text words in French or English (stemmed, accents ignored); blank for all
     * @param sort one of {@link #SORTS}, optionally prefixed with {@code -} for descending
     */
    record Query(
            String text,
            String category,
            String provider,
            String tag,
            String status,
            int page,
            int size,
            String sort) {}

    /** A search hit: what the portal lists. */
    record Hit(
            UUID id,
            String code,
            String nameFr,
            String nameEn,
            String category,
            String providerId,
            String providerName,
            List<String> tags,
            String slaTier,
            String status) {}

    record Result(List<Hit> items, long total, Map<String, Map<String, Long>> facets) {}

    List<String> SORTS = List.of("relevance", "code", "name", "category", "provider");

    /**
     * Answers a search, from an index of the catalogue when it holds every change committed before the
     * search began (any change to an offering raises the catalogue's revision in its own transaction).
     */
    Result search(Query query);

    /** The same search answered by the database's own full-text search. */
    Result searchUncached(Query query);
}
