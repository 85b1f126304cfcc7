package fr.picloud.localstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.localstack.FreePorts;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerIT {

    static final List<String> SERVICE_DATABASES = List.of("catalog", "orders", "provisioning", "billing", "migration");

    @TempDir
    Path state;

    @Test
    void creates_every_service_database_and_keeps_them_and_their_data_across_a_restart() throws Exception {
        EmbeddedPostgresServer postgres = server();
        postgres.start();
        try {
            assertThat(databases(postgres)).containsAll(SERVICE_DATABASES);
            execute(postgres, "orders", "create table survivor(id int); insert into survivor values (42)");
        } finally {
            postgres.stop();
        }
        assertThat(postgres.isUp()).as("stopped server still answers").isFalse();

        EmbeddedPostgresServer restarted = server();
        restarted.start();
        try {
            assertThat(databases(restarted)).containsAll(SERVICE_DATABASES);
            assertThat(query(restarted, "orders", "select id from survivor")).containsExactly("42");
        } finally {
            restarted.stop();
        }
    }

    private EmbeddedPostgresServer server() {
        return new EmbeddedPostgresServer(
                state.resolve("postgres"), FreePorts.next(), state.resolve("logs/postgres.log"), SERVICE_DATABASES);
    }

    private static List<String> databases(PostgresServer postgres) throws Exception {
        return query(postgres, "postgres", "select datname from pg_database");
    }

    private static List<String> query(PostgresServer postgres, String database, String sql) throws Exception {
        DatabaseAccess access = postgres.access();
        try (Connection connection =
                        DriverManager.getConnection(access.url(database), access.username(), access.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static void execute(PostgresServer postgres, String database, String sql) throws Exception {
        DatabaseAccess access = postgres.access();
        try (Connection connection =
                        DriverManager.getConnection(access.url(database), access.username(), access.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
