package fr.picloud.localstack.postgres;

import fr.picloud.localstack.LocalComponent;
import fr.picloud.localstack.StackHome;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL the services use: embedded (PostgreSQL 17 from Maven binaries) unless
 * {@code PICLOUD_POSTGRES_URL} names a server to use instead. Either way every service's database
 * exists once it has started.
 */
public sealed interface PostgresServer extends LocalComponent permits EmbeddedPostgresServer, ExternalPostgresServer {

    String URL_VARIABLE = "PICLOUD_POSTGRES_URL";
    String USER_VARIABLE = "PICLOUD_POSTGRES_USER";
    String PASSWORD_VARIABLE = "PICLOUD_POSTGRES_PASSWORD";

    static PostgresServer fromEnvironment(
            Map<String, String> environment, StackHome home, int embeddedPort, List<String> databases) {
        String url = environment.get(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return ExternalPostgresServer.of(
                    url, environment.get(USER_VARIABLE), environment.get(PASSWORD_VARIABLE), databases);
        }
        return new EmbeddedPostgresServer(home.postgresData(), embeddedPort, home.log("postgres"), databases);
    }

    /** How a service reaches its database on this server. */
    DatabaseAccess access();

    @Override
    default String name() {
        return "postgresql";
    }

    @Override
    default Stage stage() {
        return Stage.INFRASTRUCTURE;
    }

    @Override
    default List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("jdbc", access().url("{" + String.join(",", databases()) + "}")),
                new Endpoint("user", access().username()));
    }

    List<String> databases();
}
