package fr.picloud.localstack.postgres;

import fr.picloud.localstack.Sockets;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL server the developer runs (named by {@code PICLOUD_POSTGRES_URL}); the stack neither
 * starts nor stops it, it only creates the databases that are missing.
 */
public final class ExternalPostgresServer implements PostgresServer {

    private static final String JDBC_PREFIX = "jdbc:postgresql://";

    private final String host;
    private final int port;
    private final String maintenanceDatabase;
    private final DatabaseAccess access;
    private final List<String> databases;

    private ExternalPostgresServer(
            String host, int port, String maintenanceDatabase, DatabaseAccess access, List<String> databases) {
        this.host = host;
        this.port = port;
        this.maintenanceDatabase = maintenanceDatabase;
        this.access = access;
        this.databases = List.copyOf(databases);
    }

    /**
     * Reads a URL such as {@code jdbc:postgresql://db:5432/postgres?user=picloud&password=...&sslmode=require}.
     * Credentials in the URL win over {@code user} and {@code password}; neither stays in the services' URLs.
     */
    public static ExternalPostgresServer of(String jdbcUrl, String user, String password, List<String> databases) {
        if (!jdbcUrl.startsWith(JDBC_PREFIX)) {
            throw new IllegalArgumentException(URL_VARIABLE + " must start with " + JDBC_PREFIX);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(URL_VARIABLE + " names no host");
        }
        Map<String, String> parameters = parameters(uri.getRawQuery());
        String username =
                parameters.containsKey("user") ? decode(parameters.remove("user")) : orDefault(user, "postgres");
        String secret =
                parameters.containsKey("password") ? decode(parameters.remove("password")) : orDefault(password, "");
        List<String> remaining = new ArrayList<>();
        parameters.forEach((name, value) -> remaining.add(name + "=" + value));
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new ExternalPostgresServer(
                uri.getHost(),
                uri.getPort() == -1 ? 5432 : uri.getPort(),
                path.isEmpty() ? "postgres" : path,
                new DatabaseAccess(
                        JDBC_PREFIX + uri.getRawAuthority() + "/",
                        remaining.isEmpty() ? "" : "?" + String.join("&", remaining),
                        username,
                        secret),
                databases);
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
        }
        return parameters;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void start() throws Exception {
        Databases.ensureExist(access, maintenanceDatabase, databases);
    }

    @Override
    public void stop() {
        // not ours to stop
    }

    @Override
    public boolean isUp() {
        return Sockets.isListening(host, port);
    }

    @Override
    public DatabaseAccess access() {
        return access;
    }

    @Override
    public List<String> databases() {
        return databases;
    }
}
