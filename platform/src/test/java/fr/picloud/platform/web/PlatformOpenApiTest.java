package fr.picloud.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.Operation;
import java.lang.reflect.Method;
import java.util.Arrays;
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

    private static HandlerMethod handler(Object controller, String name) {
        Method method = Arrays.stream(controller.getClass().getDeclaredMethods())
                .filter(candidate -> candidate.getName().equals(name))
                .findFirst()
                .orElseThrow();
        return new HandlerMethod(controller, method);
    }
}
