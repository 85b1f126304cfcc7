package fr.picloud.catalog.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The floor of a search: the same two statements the service sends (a page of hits, then facets and
 * total), run with plain JDBC and nothing around them. Kept in step with PostgresOfferingSearch by
 * hand; the benchmark compares the totals both find, so a drift in the conditions shows.
 */
final class FloorQueries {

    private static final Map<String, String> ORDER_BY = Map.of(
            "relevance", "rank",
            "code", "o.code",
            "name", "o.name_en",
            "category", "o.category",
            "provider", "o.provider_id");

    /** A statement and its parameters, in order. */
    record Statement(String sql, List<Object> parameters) {}

    /** The page of hits, then the facets and total. */
    record Search(Statement items, Statement facets) {}

    private FloorQueries() {}

    static Search statements(SearchMix.Search search) {
        boolean hasText = search.text() != null;
        List<Object> where = new ArrayList<>();
        if (hasText) {
            where.add(search.text());
            where.add(search.text());
        }
        List<String> clauses = new ArrayList<>();
        if (hasText) {
            clauses.add("o.search_vector @@ q.query");
        }
        if (search.category() != null) {
            clauses.add("o.category = ?");
            where.add(search.category());
        }
        if (search.provider() != null) {
            clauses.add("o.provider_id = ?");
            where.add(search.provider());
        }
        clauses.add("o.status = ?");
        where.add("PUBLISHED");
        if (search.tag() != null) {
            clauses.add("o.tags @> array[?]::text[]");
            where.add(search.tag());
        }
        String conditions = " where " + String.join(" and ", clauses);
        String from = hasText
                ? " from offering o, (select websearch_to_tsquery('picloud_fr', ?)"
                        + " || websearch_to_tsquery('picloud_en', ?) as query) q "
                : " from offering o ";
        String rank = hasText ? "ts_rank(o.search_vector, q.query)" : "0";
        String sort = search.sort() == null ? (hasText ? "relevance" : "code") : search.sort();
        boolean descending = sort.startsWith("-");
        String column = ORDER_BY.get(descending ? sort.substring(1) : sort);
        String direction = sort.equals("relevance") || descending ? " desc" : " asc";

        List<Object> page = new ArrayList<>(where);
        page.add(SearchMix.Search.SIZE);
        page.add((long) search.page() * SearchMix.Search.SIZE);
        Statement items = new Statement(
                "select o.id, o.code, o.name_fr, o.name_en, o.category, o.provider_id, o.provider_name,"
                        + " o.tags, o.sla_tier, o.status, " + rank + " as rank" + from + conditions
                        + " order by " + column + direction + ", o.code limit ? offset ?",
                page);
        Statement facets = new Statement(
                "select o.category, o.provider_id, grouping(o.category) as category_rolled_up, count(*) as n" + from
                        + conditions + " group by grouping sets ((o.category), (o.provider_id), ())",
                where);
        return new Search(items, facets);
    }

    /** Runs both statements of a search, reading every column the service reads; returns the total. */
    static long run(Connection connection, SearchMix.Search search) throws SQLException {
        Search statements = statements(search);
        try (PreparedStatement statement = prepare(connection, statements.items(), "");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                rows.getObject("id");
                rows.getString("code");
                rows.getString("name_fr");
                rows.getString("name_en");
                rows.getString("category");
                rows.getString("provider_id");
                rows.getString("provider_name");
                rows.getArray("tags").getArray();
                rows.getString("sla_tier");
                rows.getString("status");
            }
        }
        long total = 0;
        try (PreparedStatement statement = prepare(connection, statements.facets(), "");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                if (rows.getString("category") == null
                        && rows.getString("provider_id") == null
                        && rows.getInt("category_rolled_up") == 1) {
                    total = rows.getLong("n");
                }
            }
        }
        return total;
    }

    /** The plans PostgreSQL chose for both statements, as EXPLAIN (ANALYZE, BUFFERS) prints them. */
    static String explain(Connection connection, SearchMix.Search search) throws SQLException {
        StringBuilder plans = new StringBuilder();
        Search statements = statements(search);
        for (Statement statement : List.of(statements.items(), statements.facets())) {
            plans.append("-- ").append(statement.sql()).append('\n');
            plans.append("-- parameters ").append(statement.parameters()).append('\n');
            try (PreparedStatement explain = prepare(connection, statement, "explain (analyze, buffers) ");
                    ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plans.append(rows.getString(1)).append('\n');
                }
            }
            plans.append('\n');
        }
        return plans.toString();
    }

    private static PreparedStatement prepare(Connection connection, Statement statement, String prefix)
            throws SQLException {
        PreparedStatement prepared = connection.prepareStatement(prefix + statement.sql());
        int index = 1;
        for (Object value : statement.parameters()) {
            prepared.setObject(index++, value);
        }
        return prepared;
    }
}
