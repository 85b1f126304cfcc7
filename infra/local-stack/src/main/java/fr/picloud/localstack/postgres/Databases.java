package fr.picloud.localstack.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/** Creates the services' databases that do not exist yet; an existing one is left as it is. */
final class Databases {

    private Databases() {}

    static void ensureExist(DatabaseAccess access, String maintenanceDatabase, List<String> databases)
            throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", access.username());
        credentials.setProperty("password", access.password());
        try (Connection connection = DriverManager.getConnection(access.url(maintenanceDatabase), credentials);
                PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?");
                Statement create = connection.createStatement()) {
            for (String database : databases) {
                if (!database.matches("[a-z][a-z0-9_]*")) {
                    throw new IllegalArgumentException("not a plain database name: " + database);
                }
                exists.setString(1, database);
                try (ResultSet row = exists.executeQuery()) {
                    if (!row.next()) {
                        create.execute("create database " + database);
                    }
                }
            }
        }
    }
}
