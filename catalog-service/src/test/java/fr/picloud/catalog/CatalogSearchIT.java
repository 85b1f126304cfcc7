package fr.picloud.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.platform.test.ApiClient;
import fr.picloud.platform.test.PiCloudIntegrationTest;
import fr.picloud.platform.test.TestTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Search over offerings of a provider of its own, so other test classes' offerings never interfere. */
@PiCloudIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogSearchIT {

    private static final String ADMIN = TestTokens.token("catalog-admin", "dsic", "catalog-admin");
    private static final String AGENT = TestTokens.token("agent-police", "police", "agent");
    private static final String PROVIDER = "search-provider";

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeAll
    void catalogue() {
        api = new ApiClient(port);
        load(offering(
                "srch-pg",
                "DATABASE",
                PROVIDER,
                "Base de données PostgreSQL gérée",
                "Managed PostgreSQL databases",
                "Sauvegardes quotidiennes, réplication",
                "Daily backups, replication",
                "sql"));
        load(offering(
                "srch-k8s",
                "CONTAINER",
                PROVIDER,
                "Espace de noms Kubernetes",
                "Kubernetes namespace",
                "Déploiement de conteneurs",
                "Container deployments",
                "kubernetes"));
        load(offering(
                "srch-vm",
                "COMPUTE",
                PROVIDER,
                "Machine virtuelle sécurisée",
                "Secured virtual machine",
                "Serveur Linux durci",
                "Hardened Linux server",
                "vm"));
        load(offering(
                "srch-other",
                "COMPUTE",
                "search-partner",
                "Machine virtuelle économique",
                "Budget virtual machine",
                "Serveur partagé",
                "Shared server",
                "vm"));
        ObjectNode draft = offering(
                "srch-draft",
                "DATABASE",
                PROVIDER,
                "Base de données brouillon",
                "Draft database",
                "Pas encore publiée",
                "Not yet published",
                "sql");
        draft.put("status", "DRAFT");
        load(draft);
    }

    @Test
    void french_words_match_without_accents_and_with_stemming() {
        assertThat(codes("donnees")).containsExactly("srch-pg");
        assertThat(codes("base de données")).containsExactly("srch-pg");
        assertThat(codes("sécurisées")).containsExactly("srch-vm");
        assertThat(codes("deploiements")).containsExactly("srch-k8s");
    }

    @Test
    void english_words_match_with_stemming() {
        assertThat(codes("database")).containsExactly("srch-pg");
        assertThat(codes("containers")).containsExactly("srch-k8s");
        assertThat(codes("hardening")).containsExactly("srch-vm");
    }

    @Test
    void tags_and_codes_are_searchable_and_filterable() {
        assertThat(codes("kubernetes")).containsExactly("srch-k8s");
        JsonNode byTag = search("tag=sql&provider=" + PROVIDER, AGENT);
        assertThat(byTag.path("items").findValuesAsString("code")).containsExactly("srch-pg");
    }

    @Test
    void facets_count_categories_and_providers_of_the_matching_offerings() {
        JsonNode result = search("q=" + encode("durci or partagé"), AGENT);

        assertThat(result.path("total").asLong()).isEqualTo(2);
        assertThat(result.path("facets").path("category").path("COMPUTE").asLong())
                .isEqualTo(2);
        assertThat(result.path("facets").path("provider").path(PROVIDER).asLong())
                .isEqualTo(1);
        assertThat(result.path("facets").path("provider").path("search-partner").asLong())
                .isEqualTo(1);
    }

    @Test
    void agents_never_see_drafts_and_cannot_ask_for_them() {
        assertThat(codes("brouillon")).isEmpty();
        assertThat(api.get("/api/v1/offerings?status=DRAFT", AGENT).status()).isEqualTo(403);
        assertThat(search("status=DRAFT&provider=" + PROVIDER, ADMIN)
                        .path("items")
                        .findValuesAsString("code"))
                .containsExactly("srch-draft");
    }

    @Test
    void pages_and_sorts_are_applied_and_an_unknown_sort_field_is_a_4xx_naming_it() {
        JsonNode page = search("provider=" + PROVIDER + "&sort=-code&size=2&page=0", AGENT);
        assertThat(page.path("items").findValuesAsString("code")).containsExactly("srch-vm", "srch-pg");
        assertThat(page.path("total").asLong()).isEqualTo(3);

        ApiClient.Response unknown = api.get("/api/v1/offerings?sort=price", AGENT);
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("errors").findValuesAsString("field")).containsExactly("sort");
        ApiClient.Response tooBig = api.get("/api/v1/offerings?size=1000", AGENT);
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().path("errors").findValuesAsString("field")).containsExactly("size");
    }

    private List<String> codes(String text) {
        return search("q=" + encode(text) + "&provider=" + PROVIDER, AGENT)
                .path("items")
                .findValuesAsString("code");
    }

    private JsonNode search(String query, String token) {
        ApiClient.Response response = api.get("/api/v1/offerings?" + query, token);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.json();
    }

    private void load(ObjectNode body) {
        ApiClient.Response response =
                api.postRaw("/api/v1/offerings/import", ADMIN, "application/jsonl", OfferingMother.json(body));
        assertThat(response.json().path("rejected").asLong())
                .as(response.raw().body())
                .isZero();
    }

    private static ObjectNode offering(
            String code,
            String category,
            String provider,
            String nameFr,
            String nameEn,
            String descriptionFr,
            String descriptionEn,
            String tag) {
        ObjectNode body = OfferingMother.vmStack(code);
        body.put("category", category);
        ((ObjectNode) body.path("provider")).put("id", provider);
        ((ObjectNode) body.path("name")).put("fr", nameFr).put("en", nameEn);
        ((ObjectNode) body.path("description")).put("fr", descriptionFr).put("en", descriptionEn);
        body.putArray("tags").add(tag);
        return body;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
