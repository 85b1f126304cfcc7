package fr.picloud.catalog.offering.application;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Full-text and faceted search over the catalogue. */
public interface OfferingSearch {

    /**
     * @param text words in French or English (stemmed, accents ignored); blank for all
     * @param sort one of {@link #SORTS}, optionally prefixed with {@code -} for descending
     * @param minPrice when given, only offerings whose {@link ReferencePrice} is at least this, in euros
     *     a month (offerings without one are then left out)
     * @param maxPrice when given, only offerings whose reference price is below this
     */
    record Query(
            String text,
            String category,
            String provider,
            String tag,
            String status,
            int page,
            int size,
            String sort,
            BigDecimal minPrice,
            BigDecimal maxPrice) {

        /** A search with no price range. */
        public Query(
                String text,
                String category,
                String provider,
                String tag,
                String status,
                int page,
                int size,
                String sort) {
            this(text, category, provider, tag, status, page, size, sort, null, null);
        }
    }

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
            String status,
            BigDecimal monthlyPrice) {}

    /**
     * @param facets the matches counted by {@code category}, by {@code provider} and by {@code price}
     *     range ({@link #PRICE_RANGES}, in their order; only ranges with matches, offerings without a
     *     reference price in none)
     */
    record Result(List<Hit> items, long total, Map<String, Map<String, Long>> facets) {}

    /** Where the price ranges a search counts meet, in euros a month. */
    List<Integer> PRICE_BOUNDS = List.of(25, 100, 500);

    /**
     * The price ranges' names, from {@link #PRICE_BOUNDS}: {@code "0-25"}, {@code "25-100"},
     * {@code "100-500"}, {@code "500-"}; each includes its lower bound and excludes its upper one, as
     * {@code minPrice} and {@code maxPrice} do.
     */
    List<String> PRICE_RANGES = priceRanges();

    private static List<String> priceRanges() {
        List<String> names = new ArrayList<>();
        int from = 0;
        for (int bound : PRICE_BOUNDS) {
            names.add(from + "-" + bound);
            from = bound;
        }
        names.add(from + "-");
        return List.copyOf(names);
    }

    List<String> SORTS = List.of("relevance", "code", "name", "category", "provider");

    /**
     * Answers a search, from an index of the catalogue when it holds every change committed before the
     * search began (any change to an offering raises the catalogue's revision in its own transaction).
     */
    Result search(Query query);

    /** The same search answered by the database's own full-text search. */
    Result searchUncached(Query query);
}
