package fr.picloud.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.platform.test.ApiClient;
import fr.picloud.platform.test.PiCloudIntegrationTest;
import fr.picloud.platform.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@PiCloudIntegrationTest
class OfferingApiIT {

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
    void without_a_token_a_business_endpoint_answers_401_with_a_problem_detail() {
        ApiClient.Response response = api.post("/api/v1/offerings", null, OfferingMother.newOfferingJson("no-token"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("title").asString()).isEqualTo("Unauthorized");
    }

    @Test
    void an_expired_or_forged_token_is_refused() {
        String expired = TestTokens.expiredToken("catalog-admin", "dsic", "catalog-admin");
        String forged = ADMIN.substring(0, ADMIN.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";

        assertThat(api.get("/api/v1/offerings/00000000-0000-0000-0000-000000000000", expired)
                        .status())
                .isEqualTo(401);
        assertThat(api.get("/api/v1/offerings/00000000-0000-0000-0000-000000000000", forged)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void with_a_token_of_the_wrong_role_it_answers_403_with_a_problem_detail() {
        ApiClient.Response response =
                api.post("/api/v1/offerings", AGENT, OfferingMother.newOfferingJson("wrong-role"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void health_needs_no_token() {
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
    }

    @Test
    void a_catalog_admin_creates_a_draft_and_publishes_it() {
        ApiClient.Response created = api.post("/api/v1/offerings", ADMIN, OfferingMother.newOfferingJson("vm-small"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("offering").path("offeringId").asString();
        assertThat(created.json().path("offering").path("status").asString()).isEqualTo("DRAFT");

        ApiClient.Response published = api.post("/api/v1/offerings/" + id + "/publish", ADMIN, "");
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.json().path("offering").path("status").asString()).isEqualTo("PUBLISHED");

        ApiClient.Response again = api.post("/api/v1/offerings/" + id + "/publish", ADMIN, "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("detail").asString()).contains("only a DRAFT one can be published");

        assertThat(api.get("/api/v1/offerings/" + id, AGENT)
                        .json()
                        .path("offering")
                        .path("status")
                        .asString())
                .isEqualTo("PUBLISHED");
    }

    @Test
    void invalid_input_is_a_400_problem_naming_each_field() {
        ApiClient.Response response = api.post("/api/v1/offerings", ADMIN, OfferingMother.json(invalidFields()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").findValuesAsString("field"))
                .as(response.raw().body())
                .containsExactlyInAnyOrder("code", "name.fr", "provider");
    }

    private static tools.jackson.databind.node.ObjectNode invalidFields() {
        var body = OfferingMother.vmStack("Bad Code!");
        ((tools.jackson.databind.node.ObjectNode) body.get("name")).put("fr", "");
        body.remove("provider");
        return body;
    }

    @Test
    void an_unknown_field_is_refused_rather_than_silently_ignored() {
        ApiClient.Response response = api.post(
                "/api/v1/offerings",
                ADMIN,
                OfferingMother.newOfferingJson("unknown-field").replace("\"slaTier\"", "\"slaTeir\""));

        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void malformed_json_or_an_unknown_category_is_a_400_problem_not_a_500() {
        assertThat(api.post("/api/v1/offerings", ADMIN, "{not json").status()).isEqualTo(400);
        assertThat(api.post(
                                "/api/v1/offerings",
                                ADMIN,
                                OfferingMother.newOfferingJson("x-1").replace("COMPUTE", "TOASTER"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void an_unknown_offering_is_a_404_problem() {
        ApiClient.Response response = api.get("/api/v1/offerings/7d1f0000-0000-0000-0000-000000000000", AGENT);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }
}
