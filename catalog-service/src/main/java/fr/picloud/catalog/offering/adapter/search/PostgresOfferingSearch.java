package fr.picloud.catalog.offering.adapter.search;

import fr.picloud.catalog.offering.application.OfferingSearch;
import fr.picloud.catalog.offering.application.OfferingSearch.Hit;
import fr.picloud.catalog.offering.application.OfferingSearch.Result;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL full-text search, one statement per search: one stored tsvector per offering (French
 * and English stemming with accents removed, names and tags weighted above descriptions) behind a
 * GIN index, kept in the heap row with the columns a hit shows (V2 moved descriptions and JSON
 * documents out of line).
 *
 * <p>A text search selects and ranks its matches once (a materialized CTE) and takes from them both
 * the page and the grouping-sets facet counts, whose grand total is the search's total; a search
 * without text takes its page straight from the (status, category|provider, code) indexes and counts
 * its facets from the same indexes.
 *
 * <p>The price facet counts the matches per range of {@link OfferingSearch#PRICE_BOUNDS} of their
 * reference price (V6's {@code monthly_price}, included in both browsing indexes).
 *
 * <p>It answers while the in-memory index is built ({@link IndexedOfferingSearch}), and on request
 * ({@code Cache-Control: no-cache}); the benchmark compares the two.
 */
@Component
class PostgresOfferingSearch {

    private static final Map<String, String> ORDER_BY = Map.of(
            "relevance", "rank",
            "code", "code",
            "name", "name_en",
            "category", "category",
            "provider", "provider_id");

    static final String HIT_COLUMNS = "o.id, o.code, o.name_fr, o.name_en, o.category, o.provider_id,"
            + " o.provider_name, o.tags, o.sla_tier, o.status, o.monthly_price";

    /** The price range of a row: 0 below the first bound, 1 from it to the next, and so on; null unpriced. */
    private static final String PRICE_RANGE = "width_bucket(o.monthly_price, array["
            + OfferingSearch.PRICE_BOUNDS.stream().map(String::valueOf).collect(Collectors.joining(","))
            + "]::numeric[]) as price_range";

    /** grouping(category, provider_id, price_range) of each grouping set's rows. */
    private static final int BY_CATEGORY = 0b011;

    private static final int BY_PROVIDER = 0b101;
    private static final int BY_PRICE = 0b110;
    private static final int ALL = 0b111;

    private final NamedParameterJdbcTemplate jdbc;

    PostgresOfferingSearch(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param search normalised: blank values are null, {@code sort} is resolved */
    Result search(SearchKey search) {
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        String where = where(search, parameters);
        boolean hasText = search.text() != null;
        String sort = search.sort();
        boolean descending = sort.startsWith("-");
        String column = ORDER_BY.get(descending ? sort.substring(1) : sort);
        String order = column + (sort.equals("relevance") || descending ? " desc" : " asc") + ", code";
        parameters.addValue("limit", search.size()).addValue("offset", (long) search.page() * search.size());

        StringBuilder sql = new StringBuilder("with ");
        if (hasText) {
            // ranking costs a ts_rank per match: only when the page is ordered by it
            String rank = sort.equals("relevance") ? "ts_rank(o.search_vector, q.query)" : "0::real";
            sql.append("matches as materialized (select o.id, o.code, o.name_en, o.category, o.provider_id, ")
                    .append(PRICE_RANGE)
                    .append(", ")
                    .append(rank)
                    .append(" as rank from offering o, (select websearch_to_tsquery('picloud_fr', :text)")
                    .append(" || websearch_to_tsquery('picloud_en', :text) as query) q")
                    .append(where)
                    .append("), page as (select id, rank, row_number() over (order by ")
                    .append(order)
                    .append(") as position from (select * from matches order by ")
                    .append(order)
                    .append(" limit :limit offset :offset) p)");
        } else {
            // only the columns of the order: the page's ids then come from an index-only scan
            String sortColumn = column.equals("code") || column.equals("rank") ? "" : ", o." + column;
            sql.append("page as (select id, rank, row_number() over (order by ")
                    .append(order)
                    .append(") as position from (select o.id, o.code")
                    .append(sortColumn)
                    .append(", 0::real as rank")
                    .append(" from offering o")
                    .append(where)
                    .append(" order by ")
                    .append(order)
                    .append(" limit :limit offset :offset) p)");
        }
        sql.append(" select 0 as part, page.position, ")
                .append(HIT_COLUMNS)
                .append(", null::int as rolled_up, null::bigint as n from page join offering o on o.id = page.id");
        sql.append(" union all select 1, null, null, null, null, null, f.category, f.provider_id, null, null,")
                .append(" null, null, f.price_range::numeric, grouping(f.category, f.provider_id, f.price_range),")
                .append(" count(*) from ")
                .append(
                        hasText
                                ? "matches f"
                                : "(select o.category, o.provider_id, " + PRICE_RANGE + " from offering o" + where
                                        + ") f")
                .append(" group by grouping sets ((f.category), (f.provider_id), (f.price_range), ())");
        sql.append(" order by part, position");

        List<Hit> items = new ArrayList<>(search.size());
        Map<String, Long> categories = new TreeMap<>();
        Map<String, Long> providers = new TreeMap<>();
        Map<Integer, Long> priceRanges = new TreeMap<>();
        long[] total = {0};
        jdbc.query(sql.toString(), parameters, row -> {
            if (row.getInt("part") == 0) {
                items.add(hit(row));
                return;
            }
            long count = row.getLong("n");
            switch (row.getInt("rolled_up")) {
                case BY_CATEGORY -> categories.put(row.getString("category"), count);
                case BY_PROVIDER -> providers.put(row.getString("provider_id"), count);
                case BY_PRICE -> {
                    BigDecimal range = row.getBigDecimal("monthly_price");
                    if (range != null) { // the unpriced offerings' group
                        priceRanges.put(range.intValueExact(), count);
                    }
                }
                case ALL -> total[0] = count;
                default -> throw new IllegalStateException("a facet row of no grouping set");
            }
        });
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        facets.put("category", Collections.unmodifiableMap(categories));
        facets.put("provider", Collections.unmodifiableMap(providers));
        Map<String, Long> prices = new LinkedHashMap<>();
        priceRanges.forEach((range, count) -> prices.put(OfferingSearch.PRICE_RANGES.get(range), count));
        facets.put("price", Collections.unmodifiableMap(prices));
        return new Result(List.copyOf(items), total[0], Collections.unmodifiableMap(facets));
    }

    /** A hit from a row holding {@link #HIT_COLUMNS} (by name, without the table alias). */
    static Hit hit(ResultSet row) throws SQLException {
        return new Hit(
                row.getObject("id", UUID.class),
                row.getString("code"),
                row.getString("name_fr"),
                row.getString("name_en"),
                row.getString("category"),
                row.getString("provider_id"),
                row.getString("provider_name"),
                List.of((String[]) row.getArray("tags").getArray()),
                row.getString("sla_tier"),
                row.getString("status"),
                row.getBigDecimal("monthly_price"));
    }

    private static String where(SearchKey search, MapSqlParameterSource parameters) {
        List<String> conditions = new ArrayList<>();
        if (search.text() != null) {
            conditions.add("o.search_vector @@ q.query");
            parameters.addValue("text", search.text());
        }
        addEquals(conditions, parameters, "o.category", "category", search.category());
        addEquals(conditions, parameters, "o.provider_id", "provider", search.provider());
        addEquals(conditions, parameters, "o.status", "status", search.status());
        if (search.minCents() != null) {
            conditions.add("o.monthly_price >= :minPrice");
            parameters.addValue("minPrice", BigDecimal.valueOf(search.minCents(), 2));
        }
        if (search.maxCents() != null) {
            conditions.add("o.monthly_price < :maxPrice");
            parameters.addValue("maxPrice", BigDecimal.valueOf(search.maxCents(), 2));
        }
        if (search.tag() != null) {
            conditions.add("o.tags @> array[:tag]::text[]");
            parameters.addValue("tag", search.tag());
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static void addEquals(
            List<String> conditions, MapSqlParameterSource parameters, String column, String name, String value) {
        if (value != null) {
            conditions.add(column + " = :" + name);
            parameters.addValue(name, value);
        }
    }
}
