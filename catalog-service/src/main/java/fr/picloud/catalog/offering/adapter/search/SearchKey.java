package fr.picloud.catalog.offering.adapter.search;

import fr.picloud.catalog.offering.application.OfferingSearch.Query;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A search as the database sees it: blank values null, text with its spaces collapsed (the full-text
 * parser reads "a  b" as "a b"), the default sort resolved, the price range in whole cents. Two
 * searches with the same key have the same answer at the same catalogue revision.
 *
 * @param minCents reference prices at least this many cents; null for no lower bound
 * @param maxCents reference prices below this many cents; null for no upper bound
 */
record SearchKey(
        String text,
        String category,
        String provider,
        String tag,
        String status,
        int page,
        int size,
        String sort,
        Long minCents,
        Long maxCents) {

    static SearchKey of(Query query) {
        String text =
                blankToNull(query.text() == null ? null : query.text().strip().replaceAll("\\s+", " "));
        String sort = blankToNull(query.sort());
        return new SearchKey(
                text,
                blankToNull(query.category()),
                blankToNull(query.provider()),
                blankToNull(query.tag()),
                blankToNull(query.status()),
                query.page(),
                query.size(),
                sort != null ? sort : text != null ? "relevance" : "code",
                cents(query.minPrice()),
                cents(query.maxPrice()));
    }

    /**
     * Prices are whole cents: "at least 12.345" is "at least 12.35", and "below 12.345" is "below 12.35"
     * too, so both bounds round up.
     */
    private static Long cents(BigDecimal euros) {
        return euros == null
                ? null
                : euros.movePointRight(2).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
