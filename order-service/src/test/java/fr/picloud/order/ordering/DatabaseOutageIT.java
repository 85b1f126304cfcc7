package fr.picloud.order.ordering;

import static fr.picloud.order.OrderWorld.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.contracts.provisioning.ProvisioningCompleted;
import fr.picloud.order.OrderServiceIT;
import fr.picloud.order.OrderWorld;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A message that arrives while the service's PostgreSQL is away is retried until the database is
 * back, then processed once: not parked on the dead-letter topic. The database is made unavailable
 * for real: it refuses new connections and its open ones are terminated, as a restart does. The pool
 * gives up on a connection after one second (set here), so each attempt during the outage fails fast.
 */
@OrderServiceIT
@TestPropertySource(properties = "spring.datasource.hikari.connection-timeout=1000")
class DatabaseOutageIT {

    /**
     * Connections the pool failed to get before the database comes back: with one second each, shared
     * by a few threads, the outage lasts several seconds, longer than the 0.6 s of retries of before.
     */
    static final int POOL_TIMEOUTS_DURING_OUTAGE = 20;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Value("${spring.datasource.url}")
    String url;

    @Value("${spring.datasource.username}")
    String username;

    @Value("${spring.datasource.password:}")
    String password;

    OrderWorld world;
    String database;

    @BeforeEach
    void world() {
        world = new OrderWorld(port, jdbc);
        database = jdbc.queryForObject("select current_database()", String.class);
    }

    @AfterEach
    void close() {
        admin("alter database " + database + " allow_connections true");
        world.close();
    }

    @Test
    void an_outcome_consumed_while_the_database_is_away_is_processed_once_it_is_back() {
        UUID offering = world.offering("PUBLISHED");
        String tenant = world.tenant(50, "100", "1000");
        String agent = agent("agent-" + tenant, tenant);
        UUID order = world.placed(agent, offering, "CC-1");
        assertThat(world.status(order, agent)).isEqualTo("PROVISIONING");
        double timeoutsBefore = poolTimeouts();

        admin("alter database " + database + " allow_connections false");
        admin("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database + "'");
        world.sendOutcome(new ProvisioningCompleted(
                order, List.of(new ProvisionedResource("server-0", "server", "srv-" + order))));
        await("the service to fail " + POOL_TIMEOUTS_DURING_OUTAGE + " times to get a connection")
                .atMost(Duration.ofMinutes(2))
                .until(() -> poolTimeouts() >= timeoutsBefore + POOL_TIMEOUTS_DURING_OUTAGE);
        admin("alter database " + database + " allow_connections true");

        await("order " + order + " completed by the outcome sent during the outage")
                .atMost(Duration.ofMinutes(2))
                // the pool's first connections after the outage may still be the terminated ones
                .ignoreExceptions()
                .until(() -> world.status(order, agent).equals("COMPLETED"));
        assertThat(jdbc.queryForObject(
                        "select count(*) from order_timeline where order_id = ? and to_status = 'COMPLETED'",
                        Integer.class,
                        order))
                .as("processed once")
                .isEqualTo(1);
    }

    private double poolTimeouts() {
        return meters.find("hikaricp.connections.timeout").counters().stream()
                .mapToDouble(counter -> counter.count())
                .sum();
    }

    /** Runs a statement as the server's administrator, on its maintenance database. */
    private void admin(String sql) {
        String maintenance = url.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1postgres");
        try (Connection connection = DriverManager.getConnection(maintenance, username, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + sql, e);
        }
    }
}
