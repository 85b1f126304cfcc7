package fr.picloud.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.platform.test.ApiClient;
import fr.picloud.platform.test.PiCloudIntegrationTest;
import fr.picloud.platform.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The quantities a provider's schema lets through, and the schemas themselves (docs/security.md). */
@PiCloudIntegrationTest
class QuantitiesAndSchemasIT {

    private static final String ADMIN = TestTokens.token("catalog-admin", "dsic", "catalog-admin");
    private static final String AGENT = TestTokens.token("agent-police", "police", "agent");

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void a_feed_row_whose_schema_leaves_a_priced_number_unbounded_is_rejected_with_its_reason() {
        ObjectNode unboundedCount = OfferingMother.vmStack("unbounded-count");
        property(unboundedCount, "instanceCount").remove("maximum");
        ObjectNode unboundedSize = OfferingMother.vmStack("unbounded-size");
        property(unboundedSize, "diskGb").remove("maximum");

        JsonNode report = importFeed(String.join(
                "\n",
                OfferingMother.json(unboundedCount),
                OfferingMother.json(OfferingMother.vmStack("bounded")),
                OfferingMother.json(unboundedSize)));

        assertThat(report.path("created").asLong()).as(report.toString()).isEqualTo(1);
        assertThat(report.path("rejected").asLong()).isEqualTo(2);
        assertThat(report.path("errors").findValuesAsString("field"))
                .containsExactly("parameterSchema.properties.instanceCount", "parameterSchema.properties.diskGb");
        assertThat(report.path("errors").findValues("row"))
                .extracting(JsonNode::asLong)
                .containsExactly(1L, 3L);
    }

    @Test
    void a_count_a_schema_allows_beyond_the_platform_ceiling_is_a_422_naming_it_never_a_wrapped_price() {
        ObjectNode huge = OfferingMother.vmStack("huge-count");
        property(huge, "instanceCount").put("maximum", 2_000_000_000L);
        importFeed(OfferingMother.json(huge));
        String id = idOf("huge-count");

        for (long count : new long[] {536_870_912L, 1_073_741_825L}) {
            ApiClient.Response quote = quote(id, AGENT, count);

            assertThat(quote.status()).as(quote.raw().body()).isEqualTo(422);
            assertThat(quote.header("Content-Type")).startsWith("application/problem+json");
            assertThat(quote.json().path("errors").findValuesAsString("field"))
                    .containsExactly("parameters.instanceCount");
        }
        assertThat(quote(id, AGENT, 2).status()).isEqualTo(200);
    }

    @Test
    void a_draft_is_quoted_only_by_whoever_may_read_it() {
        ApiClient.Response created =
                api.post("/api/v1/offerings", ADMIN, OfferingMother.newOfferingJson("draft-quote"));
        String id = created.json().path("offering").path("offeringId").asString();

        assertThat(api.get("/api/v1/offerings/" + id, AGENT).status()).isEqualTo(404);
        assertThat(quote(id, AGENT, 1).status()).isEqualTo(404);
        assertThat(quote(id, ADMIN, 1).status()).isEqualTo(200);
    }

    @Test
    void a_schema_whose_pattern_the_linear_engine_cannot_run_is_refused() {
        ObjectNode backReference = OfferingMother.vmStack("back-reference");
        property(backReference, "image").remove("enum");
        property(backReference, "image").put("pattern", "^(a+)\\1$");

        ApiClient.Response response = api.post("/api/v1/offerings", ADMIN, OfferingMother.json(backReference));

        assertThat(response.status()).as(response.raw().body()).isEqualTo(422);
        assertThat(response.json().path("errors").findValuesAsString("field"))
                .containsExactly("parameterSchema.properties.image.pattern");
    }

    private ApiClient.Response quote(String id, String token, long instanceCount) {
        return api.post(
                "/api/v1/offerings/" + id + "/quote",
                token,
                "{\"parameters\": {\"flavor\": \"m1.large\", \"diskGb\": 10, \"image\": \"debian-12\","
                        + " \"instanceCount\": " + instanceCount + "}}");
    }

    private String idOf(String code) {
        return api.get("/api/v1/offerings?q=" + code, ADMIN)
                .json()
                .path("items")
                .get(0)
                .path("id")
                .asString();
    }

    private static ObjectNode property(ObjectNode offering, String name) {
        return (ObjectNode) offering.path("parameterSchema").path("properties").path(name);
    }

    private JsonNode importFeed(String feed) {
        ApiClient.Response response = api.postRaw("/api/v1/offerings/import", ADMIN, "application/jsonl", feed);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.json();
    }
}
