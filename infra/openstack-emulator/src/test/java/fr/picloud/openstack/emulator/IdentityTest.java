package fr.picloud.openstack.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.openstack.emulator.EmulatorClient.Reply;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class IdentityTest extends EmulatorTestBase {

    @Test
    void a_password_token_carries_a_catalogue_pointing_back_at_the_emulator() {
        Reply reply = new EmulatorClient(emulator)
                .post("/v3/auth/tokens", EmulatorClient.passwordAuth("demo", "demo", "demo"));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("X-Subject-Token")).isNotBlank();
        JsonNode token = reply.body().path("token");
        assertThat(token.path("project").path("name").asString()).isEqualTo("demo");
        assertThat(token.path("roles").findValuesAsString("name")).containsExactly("member");
        JsonNode catalog = token.path("catalog");
        assertThat(catalog.findValuesAsString("type")).contains("identity", "compute", "network", "volumev3", "image");
        String projectId = token.path("project").path("id").asString();
        assertThat(catalog.findValuesAsString("url"))
                .contains(emulator.url() + "/compute/v2.1", emulator.url() + "/volume/v3/" + projectId);
    }

    @Test
    void a_wrong_password_is_refused_with_keystones_error_body() {
        Reply reply = new EmulatorClient(emulator)
                .post("/v3/auth/tokens", EmulatorClient.passwordAuth("demo", "nope", "demo"));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body().path("error").path("code").asInt()).isEqualTo(401);
        assertThat(reply.body().path("error").path("title").asString()).isEqualTo("Unauthorized");
    }

    @Test
    void a_token_is_validated_and_once_revoked_no_service_accepts_it() {
        Reply validated = admin.send(admin.request("/v3/auth/tokens")
                .header("X-Subject-Token", demo.token())
                .GET()
                .build());
        assertThat(validated.status()).isEqualTo(200);
        assertThat(validated.body().path("token").path("user").path("name").asString())
                .isEqualTo("demo");

        Reply revoked = admin.send(admin.request("/v3/auth/tokens")
                .header("X-Subject-Token", demo.token())
                .DELETE()
                .build());
        assertThat(revoked.status()).isEqualTo(204);
        assertThat(demo.get("/compute/v2.1/servers").status()).isEqualTo(401);
    }

    @Test
    void an_application_credential_logs_in_scoped_to_the_project_it_was_made_in() {
        String userId = demoUserId();
        Reply created = demo.post("/v3/users/" + userId + "/application_credentials", """
                {"application_credential": {"name": "provisioning"}}""");
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("application_credential").path("id").asString();
        String secret =
                created.body().path("application_credential").path("secret").asString();

        Reply login = new EmulatorClient(emulator).post("/v3/auth/tokens", """
                {"auth": {"identity": {"methods": ["application_credential"],
                  "application_credential": {"id": "%s", "secret": "%s"}}}}""".formatted(id, secret));

        assertThat(login.status()).isEqualTo(201);
        assertThat(login.body().path("token").path("project").path("name").asString())
                .isEqualTo("demo");
        assertThat(login.body()
                        .path("token")
                        .path("application_credential")
                        .path("id")
                        .asString())
                .isEqualTo(id);
    }

    @Test
    void only_an_admin_creates_projects_and_a_duplicate_name_conflicts() {
        String body = """
                {"project": {"name": "tenant-a", "domain_id": "default"}}""";
        assertThat(demo.post("/v3/projects", body).status()).isEqualTo(403);
        assertThat(admin.post("/v3/projects", body).status()).isEqualTo(201);

        Reply duplicate = admin.post("/v3/projects", body);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body().path("error").path("message").asString()).contains("same name");
    }

    @Test
    void a_user_given_a_role_on_a_new_project_can_log_into_it() {
        String projectId = admin.post("/v3/projects", """
                        {"project": {"name": "tenant-b"}}""")
                .body()
                .path("project")
                .path("id")
                .asString();
        String userId = admin.post("/v3/users", """
                        {"user": {"name": "alice", "password": "s3cret", "default_project_id": "%s"}}""".formatted(projectId))
                .body()
                .path("user")
                .path("id")
                .asString();
        String memberRole = admin.get("/v3/roles?name=member")
                .body()
                .path("roles")
                .get(0)
                .path("id")
                .asString();
        String grant = "/v3/projects/" + projectId + "/users/" + userId + "/roles/" + memberRole;
        Reply before = new EmulatorClient(emulator)
                .post("/v3/auth/tokens", EmulatorClient.passwordAuth("alice", "s3cret", "tenant-b"));
        assertThat(before.status()).isEqualTo(401);

        assertThat(admin.put(grant, "").status()).isEqualTo(204);
        assertThat(admin.send(admin.request(grant)
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .build())
                        .status())
                .isEqualTo(204);

        Reply after = new EmulatorClient(emulator)
                .post("/v3/auth/tokens", EmulatorClient.passwordAuth("alice", "s3cret", "tenant-b"));
        assertThat(after.status()).isEqualTo(201);
    }

    private String demoUserId() {
        Reply validated = demo.send(demo.request("/v3/auth/tokens")
                .header("X-Subject-Token", demo.token())
                .GET()
                .build());
        return validated.body().path("token").path("user").path("id").asString();
    }
}
