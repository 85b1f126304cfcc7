package fr.picloud.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

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

    private static final String BEARER = "bearer-jwt";

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    /** What a generated client's method is named after: {@code placeOrder}, not {@code place_1}. */
    private static final Pattern READABLE_OPERATION_ID = Pattern.compile("[a-z]+(?:[A-Z][a-z0-9]*)+");

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

    /**
     * The operations that need no token, on purpose, by operationId: none so far, every business call
     * needs one. A service that opens one overrides this, so that the exception is written down.
     */
    protected Set<String> publicOperations() {
        return Set.of();
    }

    @Test
    void documents_every_operation_as_a_client_generator_and_a_gateway_need_it() {
        JsonNode document = new ApiClient(port).get("/v3/api-docs", null).json();

        assertThat(document.path("components")
                        .path("securitySchemes")
                        .path(BEARER)
                        .path("scheme")
                        .asString())
                .isEqualTo("bearer");
        assertThat(document.path("components").path("schemas").has("Problem")).isTrue();
        assertThat(document.path("info").path("license").path("name").asString())
                .as("the document's licence")
                .isNotBlank();
        assertThat(document.path("info").path("contact").path("name").asString())
                .as("the document's contact")
                .isNotBlank();
        assertThat(document.path("servers").path(0).path("url").asString())
                .as("the document's servers (picloud.openapi.servers)")
                .startsWith("http");

        Map<String, HandlerMethod> handlers = handlers();
        List<String> gaps = new ArrayList<>();
        List<String> operationIds = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                String operation = method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                gaps.addAll(gapsOf(document, operation, method.getValue(), handlers.get(operation)));
                operationIds.add(method.getValue().path("operationId").asString());
            }
        }

        assertThat(operationIds).as("the service documents its operations").isNotEmpty();
        assertThat(operationIds).as("operationIds").doesNotHaveDuplicates();
        assertThat(gaps)
                .as("what the OpenAPI document lacks (an @Operation with operationId and summary on the handler,"
                        + " an example in api-examples/<operationId>.json)")
                .isEmpty();
    }

    @Test
    void serves_the_openapi_document_committed_under_contracts() {
        JsonNode document = new ApiClient(port).get("/v3/api-docs", null).json();

        CommittedApiDocument.check(context.getEnvironment().getRequiredProperty("spring.application.name"), document);
    }

    /** What an operation's documentation lacks, each as a sentence naming the operation. */
    private List<String> gapsOf(JsonNode document, String operation, JsonNode answer, HandlerMethod handler) {
        List<String> gaps = new ArrayList<>();
        String operationId = answer.path("operationId").asString();
        if (!READABLE_OPERATION_ID.matcher(operationId).matches()) {
            gaps.add(operation + " has no readable operationId (a verb and a noun in camel case), but '" + operationId
                    + "'");
        }
        if (answer.path("summary").asString().isBlank()) {
            gaps.add(operation + " has no summary");
        }
        boolean open = publicOperations().contains(operationId);
        if (!open && !answer.path("security").toString().contains(BEARER)) {
            gaps.add(operation + " does not say it needs the bearer token (nor is it listed as public)");
        }
        JsonNode responses = answer.path("responses");
        List<String> expected = new ArrayList<>(List.of("400"));
        if (!open) {
            expected.add("401");
        }
        if (handler == null) {
            gaps.add(operation + " has no handler of that method and path in the service");
        } else if (hasRoleRule(handler)) {
            expected.add("403");
        }
        if (operation.contains("{")) {
            expected.add("404");
        }
        boolean query = answer.path("parameters")
                .valueStream()
                .anyMatch(parameter -> parameter.path("in").asString().equals("query"));
        if (answer.has("requestBody") || query) {
            expected.add("422");
        }
        for (String status : expected) {
            if (!responses.has(status)) {
                gaps.add(operation + " does not document its " + status + " answer");
            }
        }
        for (Map.Entry<String, JsonNode> response : responses.properties()) {
            if (response.getKey().startsWith("4")
                    && !response.getValue().path("content").has("application/problem+json")) {
                gaps.add(operation + " answers " + response.getKey() + " as something else than a problem detail");
            }
        }
        for (Map.Entry<String, JsonNode> body :
                answer.path("requestBody").path("content").properties()) {
            JsonNode media = body.getValue();
            if (!media.has("example") && media.path("examples").isEmpty()) {
                gaps.add(operation + " has no example of its " + body.getKey() + " body");
            }
            if (body.getKey().contains("json") && media.has("schema")) {
                List<JsonNode> examples = new ArrayList<>();
                if (media.has("example")) {
                    examples.add(media.get("example"));
                }
                media.path("examples")
                        .valueStream()
                        .map(example -> example.path("value"))
                        .forEach(examples::add);
                for (JsonNode example : examples) {
                    schemaErrors(document, media.get("schema"), example)
                            .forEach(error -> gaps.add(operation + "'s example body breaks its schema: " + error));
                }
            }
        }
        return gaps;
    }

    /**
     * What an example breaks of its schema, the document's components beside it so that its
     * {@code $ref}s resolve: an OpenAPI 3.1 schema is a JSON Schema 2020-12.
     */
    private static List<String> schemaErrors(JsonNode document, JsonNode schema, JsonNode example) {
        ObjectNode rooted = JsonNodeFactory.instance.objectNode();
        rooted.setAll((ObjectNode) schema);
        rooted.set("components", document.path("components"));
        return SCHEMAS.getSchema(rooted).validate(example).stream()
                .map(Object::toString)
                .toList();
    }

    /** Every handler of the service's controllers, by {@code METHOD /path} as the document names them. */
    private Map<String, HandlerMethod> handlers() {
        Map<String, HandlerMethod> handlers = new HashMap<>();
        context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class)
                .getHandlerMethods()
                .forEach((mapping, handler) -> mapping.getPatternValues()
                        .forEach(pattern -> mapping.getMethodsCondition()
                                .getMethods()
                                .forEach(method -> handlers.put(method.name() + " " + pattern, handler))));
        return handlers;
    }

    private static boolean hasRoleRule(HandlerMethod handler) {
        return handler.hasMethodAnnotation(PreAuthorize.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PreAuthorize.class);
    }
}
