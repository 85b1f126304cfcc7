package fr.picloud.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * What every service promises from its first day, checked against the real infrastructure: it
 * starts on its own database, reports UP, refuses business calls without a valid token with a
 * problem detail, and answers every error of its HTTP edge (unknown path, odd method, bad query
 * string, rejected path, body too large, token for another audience, metrics for a non-ops user)
 * with a problem detail too. A service's test class extends this and carries {@link PiCloudIntegrationTest}.
 */
public abstract class ServiceBaselineContract {

    /** Where the platform's problem types live; Spring's own {@code about:blank} is not one. */
    private static final String PROBLEM_TYPES = "https://picloud.example/problems/";

    /** Above any service's limit for an ordinary request; import endpoints have a higher one of their own. */
    private static final int TWENTY_MEGABYTES = 20 * 1024 * 1024;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationContext context;

    @Test
    void reports_up_without_a_token() {
        ApiClient.Response health = new ApiClient(port).get("/actuator/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
    }

    @Test
    void refuses_business_calls_without_a_token_with_a_problem_detail() {
        ApiClient.Response response = new ApiClient(port).get("/api/v1/anything", null);

        assertProblem(response, 401);
        assertThat(response.header("X-Correlation-Id")).isNotBlank();
    }

    @Test
    void answers_an_unknown_path_with_a_404_problem_detail() {
        ApiClient.Response response = new ApiClient(port).get("/api/v1/no-such-thing", ops());

        assertProblem(response, 404);
    }

    @Test
    void answers_a_method_a_path_does_not_take_with_a_405_problem_detail() {
        ApiClient.Response response =
                new ApiClient(port).send("DELETE", "/v3/api-docs", ops(), null, HttpRequest.BodyPublishers.noBody());

        assertProblem(response, 405);
    }

    @Test
    void a_query_string_that_is_not_utf8_is_a_400_problem_detail_whoever_asks() {
        ApiClient api = new ApiClient(port);

        assertProblem(api.get("/api/v1/anything?q=%00%ff", ops()), 400);
        assertProblem(api.get("/api/v1/anything?q=%00%ff", TestTokens.token("agent-police", "police", "agent")), 400);
        assertProblem(api.get("/api/v1/anything?q=%00%ff", null), 400);
    }

    @Test
    void a_path_the_firewall_rejects_is_a_400_problem_detail_not_springs_error_json() {
        ApiClient.Response response = new ApiClient(port).post("/api/v1/anything//publish", ops(), "{}");

        assertProblem(response, 400);
        assertThat(response.json().has("timestamp")).as(response.raw().body()).isFalse();
    }

    @Test
    void the_servlet_error_page_answers_a_problem_detail_too() {
        ApiClient.Response response = new ApiClient(port).get("/error", null);

        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("type").asString()).startsWith(PROBLEM_TYPES);
        assertThat(response.json().has("timestamp")).as(response.raw().body()).isFalse();
    }

    @Test
    void a_body_above_the_limit_is_a_413_problem_detail_with_or_without_a_declared_length() {
        ApiClient api = new ApiClient(port);
        byte[] body = new byte[TWENTY_MEGABYTES];

        ApiClient.Response declared = api.send(
                "POST", "/api/v1/anything", ops(), "application/json", HttpRequest.BodyPublishers.ofByteArray(body));
        // a body from a stream has no length: it is sent chunked
        ApiClient.Response chunked = api.send(
                "POST",
                "/api/v1/anything",
                ops(),
                "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        assertProblem(declared, 413);
        assertProblem(chunked, 413);
    }

    @Test
    void a_token_for_another_audience_is_refused_with_a_401_problem_detail() {
        String forAnotherClient = TestTokens.tokenFor(List.of("another-client"), "ops", "dsic", "ops");

        assertProblem(new ApiClient(port).get("/api/v1/anything", forAnotherClient), 401);
    }

    @Test
    void migrated_the_platform_tables_into_its_own_database() {
        assertThat(jdbc.queryForObject(
                        "select count(*) from information_schema.tables where table_name in ('event_publication', 'processed_event')",
                        Integer.class))
                .isEqualTo(2);
    }

    @Test
    void metrics_answer_the_ops_role_only() {
        ApiClient api = new ApiClient(port);
        String agent = TestTokens.token("agent-police", "police", "agent");

        assertProblem(api.get("/actuator/prometheus", null), 401);
        assertProblem(api.get("/actuator/prometheus", agent), 403);
        assertProblem(api.get("/actuator/metrics", agent), 403);
        assertThat(api.get("/actuator/prometheus", ops()).status()).isEqualTo(200);
        assertThat(api.get("/actuator/metrics", ops()).status()).isEqualTo(200);
    }

    @Test
    void pushes_no_metrics_over_otlp_when_no_endpoint_is_configured() {
        assertThat(context.getBeansOfType(MeterRegistry.class).values())
                .as("an OTLP meter registry pushes to localhost:4318 and logs a ConnectException every minute")
                .extracting(registry -> registry.getClass().getSimpleName())
                .noneMatch(name -> name.startsWith("Otlp"));
    }

    private static String ops() {
        return TestTokens.token("ops", "dsic", "ops");
    }

    private static void assertProblem(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("type").asString()).startsWith(PROBLEM_TYPES);
        assertThat(response.json().path("title").asString()).isNotBlank();
    }

    @Test
    void documents_the_token_and_the_problem_answers_of_every_operation() {
        JsonNode document = new ApiClient(port).get("/v3/api-docs", null).json();

        assertThat(document.path("components")
                        .path("securitySchemes")
                        .path("bearer-jwt")
                        .path("scheme")
                        .asString())
                .isEqualTo("bearer");
        assertThat(document.path("components").path("schemas").has("Problem")).isTrue();
        List<String> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                String operation = method.getKey().toUpperCase() + " " + path.getKey();
                operations.add(operation);
                JsonNode answer = method.getValue();
                assertThat(answer.path("security").toString())
                        .as("%s needs the bearer token", operation)
                        .contains("bearer-jwt");
                JsonNode responses = answer.path("responses");
                assertThat(responses.has("401"))
                        .as("%s documents 401", operation)
                        .isTrue();
                if (path.getKey().contains("{")) {
                    assertThat(responses.has("404"))
                            .as("%s has a path id: documents 404", operation)
                            .isTrue();
                }
                for (Map.Entry<String, JsonNode> response : responses.properties()) {
                    if (response.getKey().startsWith("4")) {
                        assertThat(response.getValue().path("content").has("application/problem+json"))
                                .as("%s answers %s as a problem detail", operation, response.getKey())
                                .isTrue();
                    }
                }
            }
        }
        assertThat(operations).as("the service documents its operations").isNotEmpty();
    }
}
