package fr.picloud.platform.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import fr.picloud.platform.domain.InvalidInputException.Violation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JsonSchemaChecksTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonSchemaChecks checks = new JsonSchemaChecks(JSON);

    private static Map<String, Object> objectWith(String name, Map<String, Object> property) {
        return Map.of("type", "object", "properties", Map.of(name, property));
    }

    @Test
    void a_catastrophic_pattern_is_matched_in_linear_time() {
        // java.util.regex backtracks about 2^40 times on this input, a request thread held for hours (JDK 9+
        // memoizes ^(a+)+$ itself, not a counted repetition)
        Map<String, Object> schema = objectWith("name", Map.of("type", "string", "pattern", "^(a+){1,40}$"));
        String input = "a".repeat(40) + "!";

        assertThat(checks.problemsOfObjectSchema("parameterSchema", schema)).isEmpty();
        List<Violation> violations = assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> checks.violations("parameters", key(), schema, Map.of("name", input)),
                "a pattern of an imported schema still backtracks");
        assertThat(violations).extracting(Violation::field).containsExactly("parameters.name");
    }

    @Test
    void a_pattern_the_linear_engine_cannot_run_or_too_long_is_refused_at_import() {
        assertThat(checks.problemsOfObjectSchema(
                        "parameterSchema", objectWith("name", Map.of("type", "string", "pattern", "(a)\\1"))))
                .extracting(Violation::field)
                .containsExactly("parameterSchema.properties.name.pattern");
        assertThat(checks.problemsOfObjectSchema(
                        "parameterSchema", objectWith("name", Map.of("type", "string", "pattern", "a".repeat(2_000)))))
                .extracting(Violation::message)
                .singleElement()
                .asString()
                .contains("longer than");
        assertThat(checks.problemsOfObjectSchema(
                        "parameterSchema",
                        Map.of("type", "object", "patternProperties", Map.of("(?=x)", Map.of("type", "string")))))
                .isNotEmpty();
    }

    @Test
    void a_schema_too_deep_or_too_large_is_refused_at_import() {
        Map<String, Object> deep = Map.of("type", "string");
        for (int level = 0; level < 100; level++) {
            deep = objectWith("p", deep);
        }
        Map<String, Object> large = objectWith(
                "flavor",
                Map.of(
                        "type",
                        "string",
                        "enum",
                        java.util.stream.IntStream.range(0, 20_000)
                                .mapToObj(i -> "flavor-" + i)
                                .toList()));

        assertThat(checks.problemsOfObjectSchema("parameterSchema", deep))
                .extracting(Violation::message)
                .anyMatch(message -> message.contains("deeper than"));
        assertThat(checks.problemsOfObjectSchema("parameterSchema", large))
                .extracting(Violation::message)
                .anyMatch(message -> message.contains("larger than"));
    }

    @Test
    void a_remote_ref_is_refused_at_import_and_never_fetched() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "{\"type\":\"string\"}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String remote = "http://127.0.0.1:" + server.getAddress().getPort() + "/name.json";
            Map<String, Object> schema = objectWith("name", Map.of("$ref", remote));

            assertThat(checks.problemsOfObjectSchema("parameterSchema", schema))
                    .extracting(Violation::field)
                    .containsExactly("parameterSchema.properties.name.$ref");
            try {
                checks.violations("parameters", key(), schema, Map.of("name", "x"));
            } catch (RuntimeException refused) {
                // an unresolvable reference may be refused: what matters is that nobody fetched it
            }
            Map<String, Object> remoteDialect = new LinkedHashMap<>(objectWith("name", Map.of("type", "string")));
            remoteDialect.put("$schema", remote);
            assertThat(checks.problemsOfObjectSchema("parameterSchema", remoteDialect))
                    .isNotEmpty();
            assertThat(requests).as("requests to the remote $ref").hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void a_local_ref_still_works() {
        Map<String, Object> schema = Map.of(
                "type", "object",
                "$defs", Map.of("size", Map.of("type", "integer", "maximum", 10)),
                "properties", Map.of("diskGb", Map.of("$ref", "#/$defs/size")));

        assertThat(checks.problemsOfObjectSchema("parameterSchema", schema)).isEmpty();
        assertThat(checks.violations("parameters", key(), schema, Map.of("diskGb", 11)))
                .extracting(Violation::field)
                .containsExactly("parameters.diskGb");
    }

    @Test
    void a_parameter_string_longer_than_the_bound_is_refused_before_any_pattern_runs() {
        Map<String, Object> schema = objectWith("name", Map.of("type", "string", "pattern", "^a+$"));

        assertThat(checks.violations("parameters", key(), schema, Map.of("name", "a".repeat(100_000))))
                .extracting(Violation::field, Violation::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "parameters.name", "longer than " + JsonSchemaChecks.MAX_STRING_LENGTH + " characters"));
    }

    @Test
    void the_schema_is_compiled_once_per_offering_revision() {
        JsonSchemaChecks.Revision revision = key();
        Map<String, Object> atMost10 = objectWith("n", Map.of("type", "integer", "maximum", 10));
        Map<String, Object> atMost5 = objectWith("n", Map.of("type", "integer", "maximum", 5));

        assertThat(checks.violations("parameters", revision, atMost10, Map.of("n", 7)))
                .isEmpty();
        // the same revision is the same schema: it is not read again
        assertThat(checks.violations("parameters", revision, atMost5, Map.of("n", 7)))
                .isEmpty();
        assertThat(checks.violations(
                        "parameters", new JsonSchemaChecks.Revision(revision.id(), 2), atMost5, Map.of("n", 7)))
                .hasSize(1);
    }

    private static JsonSchemaChecks.Revision key() {
        return new JsonSchemaChecks.Revision(UUID.randomUUID(), 1);
    }
}
