package fr.picloud.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every service promises from its first day, checked against the real infrastructure: it
 * starts on its own database, reports UP, refuses business calls without a valid token with a
 * problem detail, and answers an unknown path with a problem detail too. A service's test class
 * extends this and carries {@link PiCloudIntegrationTest}.
 */
public abstract class ServiceBaselineContract {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void reports_up_without_a_token() {
        ApiClient.Response health = new ApiClient(port).get("/actuator/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
    }

    @Test
    void refuses_business_calls_without_a_token_with_a_problem_detail() {
        ApiClient.Response response = new ApiClient(port).get("/api/v1/anything", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("X-Correlation-Id")).isNotBlank();
    }

    @Test
    void answers_an_unknown_path_with_a_404_problem_detail() {
        ApiClient.Response response =
                new ApiClient(port).get("/api/v1/no-such-thing", TestTokens.token("ops", "dsic", "ops"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void migrated_the_platform_tables_into_its_own_database() {
        assertThat(jdbc.queryForObject(
                        "select count(*) from information_schema.tables where table_name in ('event_publication', 'processed_event')",
                        Integer.class))
                .isEqualTo(2);
    }

    @Test
    void prometheus_metrics_need_a_token() {
        assertThat(new ApiClient(port).get("/actuator/prometheus", null).status())
                .isEqualTo(401);
        assertThat(new ApiClient(port)
                        .get("/actuator/prometheus", TestTokens.token("ops", "dsic", "ops"))
                        .status())
                .isEqualTo(200);
    }
}
