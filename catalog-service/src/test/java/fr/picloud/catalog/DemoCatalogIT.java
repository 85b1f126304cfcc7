package fr.picloud.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.platform.test.ApiClient;
import fr.picloud.platform.test.PiCloudIntegrationTest;
import fr.picloud.platform.test.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The demo catalogue a fresh installation is loaded with, through the provider-feed import. */
@PiCloudIntegrationTest
// a context, hence a database, of its own: other tests create offerings under the demo's codes (vm-small)
@TestPropertySource(properties = "picloud.test.database=demo-catalog")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoCatalogIT {

    private static final String ADMIN = TestTokens.token("catalog-admin", "dsic", "catalog-admin");
    private static final String AGENT = TestTokens.token("agent-police", "police", "agent");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    ApiClient api;
    String feed;
    JsonNode firstLoad;

    /** Loaded once, into the empty database: each test reads the catalogue this load made. */
    @BeforeAll
    void load_the_demo_catalogue() {
        api = new ApiClient(port);
        feed = demoCatalog();
        firstLoad = importFeed(feed);
    }

    @Test
    void the_demo_catalogue_loads_published_and_loading_it_again_changes_nothing() {
        List<String> codes = feed.lines()
                .filter(line -> !line.isBlank())
                .map(line -> JSON.readTree(line).path("code").asString())
                .toList();
        assertThat(codes)
                .contains(
                        "vm-stack",
                        "vm-small",
                        "vm-medium",
                        "vm-large",
                        "block-volume",
                        "postgresql-managed",
                        "k8s-namespace")
                .doesNotHaveDuplicates();

        assertThat(firstLoad.path("created").asLong()).as(firstLoad.toString()).isEqualTo(codes.size());
        assertThat(firstLoad.path("rejected").asLong()).as(firstLoad.toString()).isZero();

        JsonNode published = api.get("/api/v1/offerings?size=100", AGENT).json();
        assertThat(published.path("items").findValuesAsString("code"))
                .as("what an agent sees: every demo offering, published")
                .containsExactlyInAnyOrderElementsOf(codes);

        JsonNode test = published.path("items").findParents("code").stream()
                .filter(hit -> "vm-test".equals(hit.path("code").asString()))
                .findFirst()
                .orElseThrow();
        assertThat(api.get("/api/v1/offerings/" + test.path("id").asString(), AGENT)
                        .json()
                        .path("offering")
                        .path("maxLifetimeDays")
                        .asInt())
                .as("the test environment's orders end within 90 days")
                .isEqualTo(90);

        JsonNode second = importFeed(feed);
        assertThat(second.path("created").asLong()).isZero();
        assertThat(second.path("updated").asLong()).isZero();
        assertThat(second.path("rejected").asLong()).isZero();
        assertThat(second.path("unchanged").asLong()).isEqualTo(codes.size());
    }

    @Test
    void every_demo_offering_can_be_quoted_with_example_parameters() {
        for (JsonNode hit : api.get("/api/v1/offerings?size=100", AGENT).json().path("items")) {
            String id = hit.path("id").asString();
            JsonNode schema = api.get("/api/v1/offerings/" + id, AGENT)
                    .json()
                    .path("offering")
                    .path("parameterSchema");
            String order = JSON.writeValueAsString(Map.of("parameters", defaults(schema)));

            ApiClient.Response quote = api.post("/api/v1/offerings/" + id + "/quote", AGENT, order);

            assertThat(quote.status())
                    .as(hit.path("code").asString() + ": " + quote.raw().body())
                    .isEqualTo(200);
            BigDecimal charged = quote.json()
                    .path("monthlyTotal")
                    .decimalValue()
                    .add(quote.json().path("oneTimeFees").decimalValue());
            assertThat(charged)
                    .as(hit.path("code").asString() + " costs something")
                    .isPositive();
        }
    }

    @Test
    void the_demo_catalogue_is_found_in_french_without_accents_and_in_english() {
        assertThat(codesFound("base de donnees")).contains("postgresql-managed");
        assertThat(codesFound("base de données")).isEqualTo(codesFound("base de donnees"));
        assertThat(codesFound("load balancer")).contains("load-balancer");
        assertThat(codesFound("répartiteur")).contains("load-balancer");
    }

    private List<String> codesFound(String text) {
        String query = java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
        return api.get("/api/v1/offerings?q=" + query, AGENT)
                .json()
                .path("items")
                .findValuesAsString("code");
    }

    /** Parameters of an example order: each property's default, else its first allowed value, else its minimum. */
    private static Map<String, Object> defaults(JsonNode schema) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        schema.path("properties").properties().forEach(property -> {
            JsonNode definition = property.getValue();
            JsonNode value = definition.has("default")
                    ? definition.get("default")
                    : definition.has("enum") ? definition.path("enum").get(0) : definition.path("minimum");
            assertThat(value.isMissingNode())
                    .as("an example value of parameter " + property.getKey())
                    .isFalse();
            parameters.put(property.getKey(), JSON.treeToValue(value, Object.class));
        });
        assertThat(StreamSupport.stream(schema.path("required").spliterator(), false)
                        .map(JsonNode::asString))
                .allSatisfy(required -> assertThat(parameters).containsKey(required));
        return parameters;
    }

    private JsonNode importFeed(String feed) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/offerings/import"))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/jsonl")
                .POST(HttpRequest.BodyPublishers.ofString(feed))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String demoCatalog() {
        try (InputStream in = DemoCatalogIT.class.getResourceAsStream("/seed/demo-catalog.jsonl")) {
            assertThat(in).as("seed/demo-catalog.jsonl on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
