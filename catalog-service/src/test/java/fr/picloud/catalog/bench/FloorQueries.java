package fr.picloud.catalog.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The floor of a search: the one statement the service sends when it answers from the database (a
 * page of hits with the category, provider and price facets and total), run with plain JDBC and nothing around it. Kept in step
 * with PostgresOfferingSearch by hand; the benchmark compares the totals both find, so a drift in
 * the conditions shows.
 */
final class FloorQueries {

    private static final Map<String, String> ORDER_BY = Map.of(
            "relevance", "rank",
            "code", "code",
            "name", "name_en",
            "category", "category",
            "provider", "provider_id");

    private static final String PRICE_RANGE =
            "width_bucket(o.monthly_price, array[25,100,500]::numeric[]) as price_range";

    /** A statement and its parameters, in order. */
    record Statement(String sql, List<Object> parameters) {}

    private FloorQueries() {}

    static Statement statement(SearchMix.Search search) {
        boolean hasText = search.text() != null;
        List<Object> where = new ArrayList<>();
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
        String sort = search.sort() == null ? (hasText ? "relevance" : "code") : search.sort();
        boolean descending = sort.startsWith("-");
        String column = ORDER_BY.get(descending ? sort.substring(1) : sort);
        String order = column + (sort.equals("relevance") || descending ? " desc" : " asc") + ", code";
        String hit = " select 0 as part, page.position, o.id, o.code, o.name_fr, o.name_en, o.category,"
                + " o.provider_id, o.provider_name, o.tags, o.sla_tier, o.status, o.monthly_price,"
                + " null::int as rolled_up, null::bigint as n from page join offering o on o.id = page.id"
                + " union all select 1, null, null, null, null, null, f.category, f.provider_id, null, null, null,"
                + " null, f.price_range::numeric, grouping(f.category, f.provider_id, f.price_range), count(*) from ";
        String facets = " group by grouping sets ((f.category), (f.provider_id), (f.price_range), ())"
                + " order by part, position";
        List<Object> parameters = new ArrayList<>();
        String sql;
        if (hasText) {
            String rank = sort.equals("relevance") ? "ts_rank(o.search_vector, q.query)" : "0::real";
            parameters.add(search.text());
            parameters.add(search.text());
            parameters.addAll(where);
            sql = "with matches as materialized (select o.id, o.code, o.name_en, o.category, o.provider_id, "
                    + PRICE_RANGE + ", " + rank
                    + " as rank from offering o, (select websearch_to_tsquery('picloud_fr', ?)"
                    + " || websearch_to_tsquery('picloud_en', ?) as query) q" + conditions
                    + "), page as (select id, rank, row_number() over (order by " + order + ") as position"
                    + " from (select * from matches order by " + order + " limit ? offset ?) p)"
                    + hit + "matches f" + facets;
            parameters.add(SearchMix.Search.SIZE);
            parameters.add((long) search.page() * SearchMix.Search.SIZE);
        } else {
            String sortColumn = column.equals("code") || column.equals("rank") ? "" : ", o." + column;
            parameters.addAll(where);
            parameters.add(SearchMix.Search.SIZE);
            parameters.add((long) search.page() * SearchMix.Search.SIZE);
            parameters.addAll(where);
            sql = "with page as (select id, rank, row_number() over (order by " + order + ") as position"
                    + " from (select o.id, o.code" + sortColumn + ", 0::real as rank"
                    + " from offering o" + conditions + " order by " + order + " limit ? offset ?) p)"
                    + hit + "(select o.category, o.provider_id, " + PRICE_RANGE + " from offering o" + conditions
                    + ") f"
                    + facets;
        }
        return new Statement(sql, parameters);
    }

    /** Runs the statement of a search, reading every column the service reads; returns the total. */
    static long run(Connection connection, SearchMix.Search search) throws SQLException {
        long total = 0;
        try (PreparedStatement statement = prepare(connection, statement(search), "");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                if (rows.getInt("part") == 0) {
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
                    rows.getBigDecimal("monthly_price");
                } else if (rows.getInt("rolled_up") == 0b111) {
                    total = rows.getLong("n");
                }
            }
        }
        return total;
    }

    /** The plan PostgreSQL chose for the statement, as EXPLAIN (ANALYZE, BUFFERS) prints it. */
    static String explain(Connection connection, SearchMix.Search search) throws SQLException {
        StringBuilder plans = new StringBuilder();
        for (Statement statement : List.of(statement(search))) {
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
