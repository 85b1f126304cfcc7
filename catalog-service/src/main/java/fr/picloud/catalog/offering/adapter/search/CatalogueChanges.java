package fr.picloud.catalog.offering.adapter.search;

import java.sql.PreparedStatement;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The catalogue as the search index follows it: its revision, and the offerings changed since a
 * revision (V4: every row carries the revision its change committed under; a delete records a reset).
 */
@Component
class CatalogueChanges {

    /**
     * @param revision raised by every change to the offerings
     * @param reset the revision of the last delete: an index built from an older snapshot must rebuild
     */
    record Revision(long revision, long reset) {}

    private static final String COLUMNS = PostgresOfferingSearch.HIT_COLUMNS + ", o.description_fr, o.description_en";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    CatalogueChanges(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    /** One single-row read: what a search checks the index against. */
    Revision current() {
        return jdbc.queryForObject(
                "select revision, reset_revision from catalog_revision",
                (row, n) -> new Revision(row.getLong(1), row.getLong(2)));
    }

    /**
     * Reads, from one snapshot, the catalogue's revision and every offering changed after {@code since}
     * (all of them when {@code since} is negative), and hands each to {@code sink} as it streams in.
     *
     * @return the revision of the snapshot: the sink has now seen every change up to it
     */
    Revision since(long since, Consumer<IndexedOffering> sink) {
        return snapshot.execute(status -> {
            Revision at = current();
            String sql = "select " + COLUMNS + " from offering o"
                    + (since < 0 ? "" : " where o.change_revision > ? order by o.change_revision");
            jdbc.query(
                    connection -> {
                        PreparedStatement statement = connection.prepareStatement(sql);
                        statement.setFetchSize(1_000);
                        if (since >= 0) {
                            statement.setLong(1, since);
                        }
                        return statement;
                    },
                    row -> {
                        sink.accept(new IndexedOffering(
                                PostgresOfferingSearch.hit(row),
                                row.getString("description_fr"),
                                row.getString("description_en")));
                    });
            return at;
        });
    }
}
