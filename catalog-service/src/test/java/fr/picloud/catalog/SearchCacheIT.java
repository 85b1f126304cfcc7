package fr.picloud.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.platform.test.ApiClient;
import fr.picloud.platform.test.PiCloudIntegrationTest;
import fr.picloud.platform.test.TestTokens;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Search answers are cached per catalogue revision: a repeated search is answered from the cache,
 * and any change to the offerings, through the API or written straight into the database (as
 * another instance or a script would), is seen by the very next search.
 */
@PiCloudIntegrationTest
class SearchCacheIT {

    private static final String ADMIN = TestTokens.token("catalog-admin", "dsic", "catalog-admin");
    private static final String AGENT = TestTokens.token("agent-police", "police", "agent");
    private static final String PROVIDER = "cache-provider";
    /** The other test's provider, so that neither sees the other's offerings. */
    private static final String OTHER_PROVIDER = "cache-provider-2";

    private static final String BY_PROVIDER = "/api/v1/offerings?provider=" + PROVIDER;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void a_repeated_search_is_a_cache_hit_and_any_change_to_the_catalogue_is_seen_at_once() {
        ApiClient api = new ApiClient(port);
        load(api, "cache-a");
        assertThat(codes(api)).containsExactly("cache-a");

        double hitsBefore = answerHits();
        assertThat(codes(api)).containsExactly("cache-a");
        assertThat(answerHits()).as("hits of the answers cache").isGreaterThan(hitsBefore);

        load(api, "cache-b");
        assertThat(codes(api)).containsExactly("cache-a", "cache-b");

        // written behind the service's back, as another instance or a script would
        jdbc.update("update offering set name_en = 'Renamed elsewhere' where code = 'cache-b'");
        JsonNode renamed = search(api, BY_PROVIDER + "&q=renamed");
        assertThat(renamed.path("items").findValuesAsString("code")).containsExactly("cache-b");
        jdbc.update("update offering set status = 'RETIRED' where code = 'cache-b'");
        JsonNode afterRetire = search(api, BY_PROVIDER);
        assertThat(afterRetire.path("items").findValuesAsString("code")).containsExactly("cache-a");
        assertThat(afterRetire.path("total").asLong()).isEqualTo(1);
        assertThat(afterRetire.path("facets").path("provider").path(PROVIDER).asLong())
                .isEqualTo(1);
    }

    @Test
    void no_cache_answers_from_the_database_with_the_same_answer() throws Exception {
        ApiClient api = new ApiClient(port);
        load(api, "cache-c", OTHER_PROVIDER);
        String path = "/api/v1/offerings?provider=" + OTHER_PROVIDER + "&q=machine&sort=code";
        JsonNode cached = search(api, path);
        double hitsBefore = answerHits();
        double missesBefore = answerMisses();

        HttpResponse<String> fresh = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Authorization", "Bearer " + AGENT)
                                .header("Cache-Control", "no-cache")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(JsonMapper.builder().build().readTree(fresh.body())).isEqualTo(cached);
        assertThat(answerHits()).as("the cache was not read").isEqualTo(hitsBefore);
        assertThat(answerMisses()).isEqualTo(missesBefore);
    }

    private static void load(ApiClient api, String code) {
        load(api, code, PROVIDER);
    }

    private static void load(ApiClient api, String code, String provider) {
        ObjectNode body = OfferingMother.vmStack(code);
        ((ObjectNode) body.path("provider")).put("id", provider);
        ApiClient.Response response =
                api.postRaw("/api/v1/offerings/import", ADMIN, "application/jsonl", OfferingMother.json(body));
        assertThat(response.json().path("rejected").asLong())
                .as(response.raw().body())
                .isZero();
    }

    private static java.util.List<String> codes(ApiClient api) {
        return search(api, BY_PROVIDER + "&sort=code").path("items").findValuesAsString("code");
    }

    private static JsonNode search(ApiClient api, String path) {
        ApiClient.Response response = api.get(path, AGENT);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.json();
    }

    private double answerHits() {
        return gets("hit");
    }

    private double answerMisses() {
        return gets("miss");
    }

    private double gets(String result) {
        FunctionCounter counter = meters.find("cache.gets")
                .tag("cache", "catalog.search.answers")
                .tag("result", result)
                .functionCounter();
        assertThat(counter).as("the answers cache's meter").isNotNull();
        return counter.count();
    }
}
