package fr.picloud.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.platform.test.ApiClient;
import fr.picloud.platform.test.PiCloudIntegrationTest;
import fr.picloud.platform.test.TestTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Searches are answered from each instance's in-memory index, which is never behind the database: any
 * change to the offerings, through the API or written straight into the database (as another
 * instance or a script would), deletes included, is in the very next search's answer.
 */
@PiCloudIntegrationTest
class SearchIndexIT {

    private static final String ADMIN = TestTokens.token("catalog-admin", "dsic", "catalog-admin");
    private static final String AGENT = TestTokens.token("agent-police", "police", "agent");
    private static final String PROVIDER = "index-provider";
    /** The other tests' providers, so that none sees another's offerings. */
    private static final String OTHER_PROVIDER = "index-provider-2";

    private static final String DELETING_PROVIDER = "index-provider-3";

    private static final String CONCURRENT_PROVIDER = "index-provider-4";

    private static final String BY_PROVIDER = "/api/v1/offerings?provider=" + PROVIDER;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void searches_are_answered_by_the_index_and_see_any_change_to_the_catalogue_at_once() {
        ApiClient api = new ApiClient(port);
        load(api, "index-a");
        assertThat(codes(api)).containsExactly("index-a");

        double byIndex = answers("index");
        load(api, "index-b");
        assertThat(codes(api)).containsExactly("index-a", "index-b");
        assertThat(answers("index")).as("searches answered by the index").isGreaterThan(byIndex);

        // written behind the service's back, as another instance or a script would
        jdbc.update("update offering set name_en = 'Renamed elsewhere' where code = 'index-b'");
        JsonNode renamed = search(api, BY_PROVIDER + "&q=renamed");
        assertThat(renamed.path("items").findValuesAsString("code")).containsExactly("index-b");
        assertThat(renamed.path("items").findValuesAsString("nameEn")).containsExactly("Renamed elsewhere");
        jdbc.update("update offering set status = 'RETIRED' where code = 'index-b'");
        JsonNode afterRetire = search(api, BY_PROVIDER);
        assertThat(afterRetire.path("items").findValuesAsString("code")).containsExactly("index-a");
        assertThat(afterRetire.path("total").asLong()).isEqualTo(1);
        assertThat(afterRetire.path("facets").path("provider").path(PROVIDER).asLong())
                .isEqualTo(1);
    }

    @Test
    void a_deleted_offering_is_gone_from_the_next_answer() {
        ApiClient api = new ApiClient(port);
        load(api, "index-d1", DELETING_PROVIDER);
        load(api, "index-d2", DELETING_PROVIDER);
        String path = "/api/v1/offerings?provider=" + DELETING_PROVIDER + "&sort=code";
        assertThat(search(api, path).path("items").findValuesAsString("code")).containsExactly("index-d1", "index-d2");

        jdbc.update("delete from offering where code = 'index-d1'");

        JsonNode after = search(api, path);
        assertThat(after.path("items").findValuesAsString("code")).containsExactly("index-d2");
        assertThat(after.path("total").asLong()).isEqualTo(1);
        // the index is rebuilt in the background and answers again
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            double byIndex = answers("index");
            assertThat(search(api, path).path("items").findValuesAsString("code"))
                    .containsExactly("index-d2");
            assertThat(answers("index")).isGreaterThan(byIndex);
        });
    }

    @Test
    void every_writer_finds_its_commit_in_the_next_answer_while_others_write_at_the_same_time() throws Exception {
        ApiClient api = new ApiClient(port);
        int writers = 4;
        int changesEach = 25;
        for (int writer = 0; writer < writers; writer++) {
            load(api, "index-w" + writer, CONCURRENT_PROVIDER);
        }
        double byIndex = answers("index");
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<List<String>>> missed = new ArrayList<>();
            for (int writer = 0; writer < writers; writer++) {
                String code = "index-w" + writer;
                missed.add(pool.submit(() -> {
                    List<String> notFound = new ArrayList<>();
                    for (int change = 0; change < changesEach; change++) {
                        String tag = code + "-change-" + change;
                        // committed on its own (auto-commit), straight in the database, beside the other writers
                        jdbc.update("update offering set tags = array[?] where code = ?", tag, code);
                        List<String> found = search(
                                        api, "/api/v1/offerings?provider=" + CONCURRENT_PROVIDER + "&tag=" + tag)
                                .path("items")
                                .findValuesAsString("code");
                        if (!found.equals(List.of(code))) {
                            notFound.add(tag + " -> " + found);
                        }
                    }
                    return notFound;
                }));
            }
            for (Future<List<String>> writer : missed) {
                assertThat(writer.get(2, TimeUnit.MINUTES))
                        .as("changes a search that followed their commit did not see")
                        .isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(answers("index")).as("searches answered by the index").isGreaterThan(byIndex);
    }

    @Test
    void no_cache_answers_from_the_database_with_the_same_answer() throws Exception {
        ApiClient api = new ApiClient(port);
        load(api, "index-c", OTHER_PROVIDER);
        String path = "/api/v1/offerings?provider=" + OTHER_PROVIDER + "&q=machine&sort=code";
        JsonNode indexed = search(api, path);
        double byDatabase = answers("database");

        HttpResponse<String> fresh = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Authorization", "Bearer " + AGENT)
                                .header("Cache-Control", "no-cache")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(JsonMapper.builder().build().readTree(fresh.body())).isEqualTo(indexed);
        assertThat(answers("database")).as("answered by the database").isEqualTo(byDatabase + 1);
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

    private static List<String> codes(ApiClient api) {
        return search(api, BY_PROVIDER + "&sort=code").path("items").findValuesAsString("code");
    }

    private static JsonNode search(ApiClient api, String path) {
        ApiClient.Response response = api.get(path, AGENT);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.json();
    }

    private double answers(String source) {
        Counter counter = meters.find("picloud.catalog.search.answers")
                .tag("source", source)
                .counter();
        assertThat(counter).as("the search's meter").isNotNull();
        return counter.count();
    }
}
