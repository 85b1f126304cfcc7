package fr.picloud.catalog.offering.adapter.search;

import fr.picloud.catalog.offering.application.OfferingSearch.Query;

/**
 * A search as the database sees it: blank values null, text with its spaces collapsed (the full-text
 * parser reads "a  b" as "a b"), the default sort resolved. Two searches with the same key have the
 * same answer at the same catalogue revision.
 */
record SearchKey(
        String text, String category, String provider, String tag, String status, int page, int size, String sort) {

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
                sort != null ? sort : text != null ? "relevance" : "code");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
