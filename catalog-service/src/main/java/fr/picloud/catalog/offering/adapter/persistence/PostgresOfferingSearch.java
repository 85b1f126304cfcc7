package fr.picloud.catalog.offering.adapter.persistence;

import fr.picloud.catalog.offering.application.OfferingSearch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL full-text search: one stored tsvector per offering (French and English stemming with
 * accents removed, names and tags weighted above descriptions) behind a GIN index; facet counts and
 * the total come from one grouping-sets scan of the same filtered rows.
 */
@Component
class PostgresOfferingSearch implements OfferingSearch {

    private static final Map<String, String> ORDER_BY = Map.of(
            "relevance", "rank",
            "code", "o.code",
            "name", "o.name_en",
            "category", "o.category",
            "provider", "o.provider_id");

    private final NamedParameterJdbcTemplate jdbc;

    PostgresOfferingSearch(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Result search(Query query) {
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        String where = where(query, parameters);
        boolean hasText = query.text() != null && !query.text().isBlank();
        String rank = hasText ? "ts_rank(o.search_vector, q.query)" : "0";
        String from = hasText
                ? " from offering o, (select websearch_to_tsquery('picloud_fr', :text)"
                        + " || websearch_to_tsquery('picloud_en', :text) as query) q "
                : " from offering o ";

        String sort = query.sort() == null || query.sort().isBlank() ? (hasText ? "relevance" : "code") : query.sort();
        boolean descending = sort.startsWith("-");
        String column = ORDER_BY.get(descending ? sort.substring(1) : sort);
        String direction = sort.equals("relevance") ? " desc" : descending ? " desc" : " asc";
        parameters.addValue("limit", query.size()).addValue("offset", (long) query.page() * query.size());

        List<Hit> items = jdbc.query(
                "select o.id, o.code, o.name_fr, o.name_en, o.category, o.provider_id, o.provider_name, o.tags,"
                        + " o.sla_tier, o.status, " + rank + " as rank" + from + where
                        + " order by " + column + direction + ", o.code limit :limit offset :offset",
                parameters,
                (row, index) -> new Hit(
                        row.getObject("id", java.util.UUID.class),
                        row.getString("code"),
                        row.getString("name_fr"),
                        row.getString("name_en"),
                        row.getString("category"),
                        row.getString("provider_id"),
                        row.getString("provider_name"),
                        Arrays.asList((String[]) row.getArray("tags").getArray()),
                        row.getString("sla_tier"),
                        row.getString("status")));

        Map<String, Long> categories = new TreeMap<>();
        Map<String, Long> providers = new TreeMap<>();
        long[] total = {0};
        jdbc.query(
                "select o.category, o.provider_id, grouping(o.category) as category_rolled_up, count(*) as n" + from
                        + where + " group by grouping sets ((o.category), (o.provider_id), ())",
                parameters,
                row -> {
                    String category = row.getString("category");
                    String provider = row.getString("provider_id");
                    long count = row.getLong("n");
                    if (category != null) {
                        categories.put(category, count);
                    } else if (provider != null) {
                        providers.put(provider, count);
                    } else if (row.getInt("category_rolled_up") == 1) {
                        total[0] = count;
                    }
                });
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        facets.put("category", categories);
        facets.put("provider", providers);
        return new Result(items, total[0], facets);
    }

    private static String where(Query query, MapSqlParameterSource parameters) {
        List<String> conditions = new ArrayList<>();
        if (query.text() != null && !query.text().isBlank()) {
            conditions.add("o.search_vector @@ q.query");
            parameters.addValue("text", query.text());
        }
        addEquals(conditions, parameters, "o.category", "category", query.category());
        addEquals(conditions, parameters, "o.provider_id", "provider", query.provider());
        addEquals(conditions, parameters, "o.status", "status", query.status());
        if (query.tag() != null && !query.tag().isBlank()) {
            conditions.add("o.tags @> array[:tag]::text[]");
            parameters.addValue("tag", query.tag());
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static void addEquals(
            List<String> conditions, MapSqlParameterSource parameters, String column, String name, String value) {
        if (value != null && !value.isBlank()) {
            conditions.add(column + " = :" + name);
            parameters.addValue(name, value);
        }
    }
}
