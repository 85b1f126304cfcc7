package fr.picloud.platform.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.SpringApplication;

/**
 * A real PostgreSQL for the test JVM: embedded (PostgreSQL 17 from Maven binaries) by default, or
 * the server named by {@code PICLOUD_TEST_POSTGRES_URL} (or the system property
 * {@code picloud.test.postgres.url}), a JDBC URL with credentials such as
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}. Each test context gets a database
 * of its own, so services never see each other's tables, as in production.
 */
public final class TestPostgres {

    public static final String URL_VARIABLE = "PICLOUD_TEST_POSTGRES_URL";
    public static final String URL_PROPERTY = "picloud.test.postgres.url";

    private static TestPostgres instance;

    private final String adminUrl;
    private final EmbeddedPostgres embedded;
    private final List<String> createdDatabases = new ArrayList<>();

    private TestPostgres(String adminUrl, EmbeddedPostgres embedded) {
        this.adminUrl = adminUrl;
        this.embedded = embedded;
    }

    public static synchronized TestPostgres get() {
        if (instance == null) {
            instance = start();
            // after the Spring contexts have closed: they still write (outbox bookkeeping) while closing
            SpringApplication.getShutdownHandlers().add(instance::stop);
        }
        return instance;
    }

    private static TestPostgres start() {
        String external = System.getProperty(URL_PROPERTY, System.getenv(URL_VARIABLE));
        if (external != null && !external.isBlank()) {
            return new TestPostgres(external, null);
        }
        try {
            // stopped by our own handler, after the Spring contexts: zonky's JVM shutdown hook would stop it
            // while they close, and Spring Modulith's registry, reading its incomplete publications as it
            // closes, then waited out the pool's 30 s connection timeout in every test JVM
            EmbeddedPostgres postgres =
                    EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
            return new TestPostgres(postgres.getJdbcUrl("postgres", "postgres"), postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** How to reach one database: a JDBC URL and the credentials, as Spring's datasource properties want them. */
    public record Database(String url, String username, String password) {}

    /** Creates a new, empty database. */
    public synchronized Database createDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).replaceAll("[^a-z0-9_]", "_");
        execute("create database " + name);
        createdDatabases.add(name);
        String url = adminUrl.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
        return new Database(
                url, parameter("user").orElse("postgres"), parameter("password").orElse(""));
    }

    private java.util.Optional<String> parameter(String name) {
        var matcher =
                java.util.regex.Pattern.compile("[?&]" + name + "=([^&]*)").matcher(adminUrl);
        return matcher.find() ? java.util.Optional.of(matcher.group(1)) : java.util.Optional.empty();
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(adminUrl);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + sql, e);
        }
    }

    private synchronized void stop() {
        try {
            if (embedded != null) {
                embedded.close();
                return;
            }
            for (String database : createdDatabases) {
                execute("drop database if exists " + database + " with (force)");
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("test PostgreSQL cleanup failed: " + e.getMessage());
        }
    }
}
