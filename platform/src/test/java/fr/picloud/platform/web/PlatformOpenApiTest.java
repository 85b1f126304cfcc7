package fr.picloud.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.servers.Server;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

class PlatformOpenApiTest {

    /** The shapes of handler the services have. */
    static class Orders {

        @GetMapping("/api/v1/orders")
        String list(@RequestParam(required = false) String status) {
            return "";
        }

        @GetMapping("/api/v1/orders/{id}")
        String get(@PathVariable String id) {
            return "";
        }

        @PostMapping("/api/v1/orders")
        String place(@RequestHeader("Idempotency-Key") String key, @RequestBody String order) {
            return "";
        }

        @PostMapping(path = "/api/v1/orders/import", consumes = "text/csv")
        String importFeed(@RequestHeader("Content-Type") String contentType) {
            return "";
        }

        @PreAuthorize("hasRole('approver')")
        @PostMapping("/api/v1/orders/{id}/approve")
        String approve(@PathVariable String id) {
            return "";
        }
    }

    @PreAuthorize("hasRole('ops')")
    static class DeadLetters {

        @GetMapping("/api/v1/dead-letters")
        String list() {
            return "";
        }
    }

    @Test
    void aReadOfAListAnswersBadInputAndNoTokenButNeitherNotFoundNorConflict() {
        assertThat(PlatformOpenApi.errorsOf(handler(new Orders(), "list"))).containsOnlyKeys("400", "401", "422");
    }

    @Test
    void aPathIdCanBeNotFound() {
        assertThat(PlatformOpenApi.errorsOf(handler(new Orders(), "get"))).containsOnlyKeys("400", "401", "404");
    }

    @Test
    void aBodyCanBeTooLargeNotJsonOrInvalidAndAnIdempotentCreateCanConflict() {
        assertThat(PlatformOpenApi.errorsOf(handler(new Orders(), "place")))
                .containsOnlyKeys("400", "401", "409", "413", "415", "422");
    }

    @Test
    void aBodyTheHandlerStreamsItselfIsCheckedLikeAnyOtherAndAHeaderOtherThanTheKeyIsNoConflict() {
        assertThat(PlatformOpenApi.errorsOf(handler(new Orders(), "importFeed"), true))
                .containsOnlyKeys("400", "401", "413", "415", "422");
    }

    @Test
    void aRoleRuleOnTheMethodOrItsClassCanForbidAndSaysWhichRule() {
        Map<String, String> approve = PlatformOpenApi.errorsOf(handler(new Orders(), "approve"));
        assertThat(approve).containsOnlyKeys("400", "401", "403", "404", "409");
        assertThat(approve.get("403")).contains("hasRole('approver')");

        assertThat(PlatformOpenApi.errorsOf(handler(new DeadLetters(), "list")).get("403"))
                .contains("hasRole('ops')");
    }

    @Test
    void everyOperationNeedsTheBearerTokenAndItsErrorsAreProblemDetails() {
        Operation operation = PlatformOpenApi.describe(new Operation(), handler(new Orders(), "approve"));

        assertThat(operation.getSecurity())
                .singleElement()
                .satisfies(requirement -> assertThat(requirement).containsKey(PlatformOpenApi.BEARER));
        assertThat(operation.getResponses().get("403").getContent()).containsKey("application/problem+json");
    }

    @Test
    void aRequestBodyGetsTheExampleFileOfItsOperationUnlessItHasExamplesOfItsOwn() {
        Operation place = new Operation()
                .operationId("placeOrder")
                .requestBody(new io.swagger.v3.oas.models.parameters.RequestBody()
                        .content(new Content()
                                .addMediaType("application/json", new MediaType())
                                .addMediaType("text/csv;charset=UTF-8", new MediaType())
                                .addMediaType(
                                        "application/merge-patch+json",
                                        new MediaType().addExamples("own", new Example().value("{}")))));

        PlatformOpenApi.describe(place, handler(new Orders(), "place"));

        Content content = place.getRequestBody().getContent();
        assertThat(content.get("application/json").getExample())
                .hasToString("{\"offeringId\":\"0b7f0d3e-5c1a-4d8e-9a51-3f3a2c1d9e01\",\"costCenter\":\"DSIC-01\"}");
        assertThat(content.get("text/csv;charset=UTF-8").getExample())
                .isEqualTo("offeringId,costCenter\n0b7f0d3e-5c1a-4d8e-9a51-3f3a2c1d9e01,DSIC-01\n");
        assertThat(content.get("application/merge-patch+json").getExample()).isNull();
        assertThat(content.get("application/merge-patch+json").getExamples()).containsOnlyKeys("own");
    }

    @Test
    void anOperationWithoutAnExampleFileKeepsItsBodyAsItIs() {
        Operation approve = new Operation()
                .operationId("approveOrder")
                .requestBody(new io.swagger.v3.oas.models.parameters.RequestBody()
                        .content(new Content().addMediaType("application/json", new MediaType())));

        PlatformOpenApi.describe(approve, handler(new Orders(), "approve"));

        assertThat(approve.getRequestBody().getContent().get("application/json").getExample())
                .isNull();
    }

    @Test
    void theDocumentNamesItsLicenceContactAndServersInTheirOrder() {
        Map<String, String> servers = new LinkedHashMap<>();
        servers.put("local", "http://localhost:8082");
        servers.put("staging", "https://orders.staging.example");

        OpenAPI document = PlatformOpenApi.document("order-service", "1.2.3", "http://localhost:9000", servers);

        assertThat(document.getInfo().getLicense().getName()).isEqualTo(PlatformOpenApi.LICENCE);
        assertThat(document.getInfo().getContact().getName()).isNotBlank();
        assertThat(document.getInfo().getVersion()).isEqualTo("1.2.3");
        assertThat(document.getServers())
                .extracting(Server::getDescription, Server::getUrl)
                .containsExactly(
                        tuple("local", "http://localhost:8082"), tuple("staging", "https://orders.staging.example"));
    }

    @Test
    void theDocumentNamesTheIssuerItsTokensComeFromOrNoneWhenTheServiceHasNone() {
        OpenAPI named = PlatformOpenApi.document("order-service", "1", "http://localhost:9000", Map.of());
        OpenAPI unnamed = PlatformOpenApi.document("order-service", "1", "", Map.of());

        assertThat(named.getInfo().getDescription())
                .contains("the OIDC issuer http://localhost:9000 (its discovery document:"
                        + " http://localhost:9000/.well-known/openid-configuration)");
        assertThat(unnamed.getInfo().getDescription())
                .contains(
                        "the platform's OIDC issuer (its discovery document: <issuer>/.well-known/openid-configuration)");
        assertThat(unnamed.getComponents()
                        .getSecuritySchemes()
                        .get(PlatformOpenApi.BEARER)
                        .getDescription())
                .isEqualTo("An access token of the platform's OIDC issuer");
    }

    @Test
    void theDocumentedVersionIsTheProjectsAsMavenFilteredIt() {
        assertThat(PlatformOpenApiConfiguration.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    private static HandlerMethod handler(Object controller, String name) {
        Method method = Arrays.stream(controller.getClass().getDeclaredMethods())
                .filter(candidate -> candidate.getName().equals(name))
                .findFirst()
                .orElseThrow();
        return new HandlerMethod(controller, method);
    }
}
