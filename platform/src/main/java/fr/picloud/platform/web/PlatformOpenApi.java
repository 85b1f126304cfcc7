package fr.picloud.platform.web;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

/**
 * What every service's OpenAPI document says of the platform's edge, so that a client generated from
 * it sends a token and can decode a refusal: the bearer token of the OIDC issuer on every operation,
 * the problem detail (RFC 9457) as a schema, and for each operation the error answers its handler can
 * really give, read from its signature and annotations: a role rule can answer 403, a path id 404, a
 * body 413, 415 and 422, a change to an existing resource or a create under an Idempotency-Key 409;
 * any operation 400 and 401.
 */
public final class PlatformOpenApi {

    public static final String BEARER = "bearer-jwt";
    public static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /**
     * The project has no licence file yet: the documents say so rather than name a licence nobody chose.
     * Name the licence here once the project has one.
     */
    static final String LICENCE = "None granted yet: all rights reserved (the project has no LICENSE file)";

    /** Where a service keeps the example request body of an operation: {@code api-examples/<operationId>.json}. */
    static final String EXAMPLES = "api-examples/";

    private PlatformOpenApi() {}

    /**
     * The document's info, the bearer scheme (its tokens from {@code issuerUri}), the problem schema and
     * the servers a client can call, named by environment ({@code local} is the stack {@code picloud up}
     * starts).
     */
    public static OpenAPI document(String serviceName, String version, String issuerUri, Map<String, String> servers) {
        // a service's tests (and the committed documents) run without an issuer: the text names none then
        boolean named = issuerUri != null && !issuerUri.isBlank();
        String issuer = named ? "the OIDC issuer " + issuerUri : "the platform's OIDC issuer";
        String discovery = (named ? issuerUri : "<issuer>") + "/.well-known/openid-configuration";
        return new OpenAPI()
                .info(new Info()
                        .title("PI Cloud " + serviceName)
                        .version(version)
                        .description("The " + serviceName + " API of PI Cloud, a ministry's private cloud on OpenStack."
                                + " Every call but the health probes needs a bearer token (a JWT) from " + issuer
                                + " (its discovery document: " + discovery + ");"
                                + " on the local stack, `./picloud token ACCOUNT` prints one. Every refusal is an"
                                + " RFC 9457 problem detail (application/problem+json).")
                        .contact(new Contact().name("PI Cloud platform team"))
                        .license(new License().name(LICENCE)))
                .servers(servers.entrySet().stream()
                        .map(server -> new Server().url(server.getValue()).description(server.getKey()))
                        .toList())
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("An access token of " + issuer))
                        .addSchemas(PROBLEM, problemSchema()));
    }

    private static Schema<?> problemSchema() {
        Schema<?> fieldProblem = new ObjectSchema()
                .addProperty("field", new StringSchema().description("the parameter or body field at fault"))
                .addProperty("message", new StringSchema().description("what is wrong with it"));
        return new ObjectSchema()
                .description("An RFC 9457 problem detail")
                .addProperty("type", new StringSchema().format("uri").description("the kind of problem"))
                .addProperty("title", new StringSchema().description("a short, human-readable summary of the kind"))
                .addProperty("status", new IntegerSchema().description("the HTTP status"))
                .addProperty("detail", new StringSchema().description("what happened, for a person"))
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .items(fieldProblem)
                                .description("each field at fault, for a validation problem"));
    }

    /**
     * The token requirement, the derived error answers and the example request body, on every operation
     * of the service's controllers.
     */
    public static OperationCustomizer operations() {
        return PlatformOpenApi::describe;
    }

    static Operation describe(Operation operation, HandlerMethod handler) {
        operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        errorsOf(handler, operation.getRequestBody() != null).forEach((status, description) -> {
            if (!responses.containsKey(status)) {
                responses.addApiResponse(status, problem(description));
            }
        });
        operation.setResponses(responses);
        addExample(operation, handler);
        return operation;
    }

    /**
     * The example of each media type of the request body that has none of its own, from the service's
     * class path: {@code api-examples/<operationId>.json} for JSON ({@code application/json} or
     * {@code +json}), {@code api-examples/<operationId>.<subtype>} as text for any other type
     * ({@code .csv} for {@code text/csv}). Kept as files, examples are real documents an editor checks,
     * and the controllers keep only their annotations.
     */
    static void addExample(Operation operation, HandlerMethod handler) {
        if (operation.getOperationId() == null
                || operation.getRequestBody() == null
                || operation.getRequestBody().getContent() == null) {
            return;
        }
        ClassLoader classes = handler.getBeanType().getClassLoader();
        operation.getRequestBody().getContent().forEach((type, media) -> {
            boolean none = media.getExample() == null
                    && (media.getExamples() == null || media.getExamples().isEmpty());
            String subtype = type.replaceFirst(";.*", "").replaceFirst("^[^/]*/", "");
            boolean json = subtype.equals("json") || subtype.endsWith("+json");
            URL file = classes.getResource(EXAMPLES + operation.getOperationId() + "." + (json ? "json" : subtype));
            if (none && file != null) {
                media.setExample(json ? readJson(file) : readText(file));
            }
        });
    }

    /** Read with swagger's own mapper, which is the one that writes the document. */
    private static Object readJson(URL file) {
        try (InputStream in = file.openStream()) {
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable example request body " + file, e);
        }
    }

    private static String readText(URL file) {
        try (InputStream in = file.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable example request body " + file, e);
        }
    }

    /** The error statuses the handler can answer, with what each means for it. */
    static Map<String, String> errorsOf(HandlerMethod handler) {
        return errorsOf(handler, false);
    }

    /**
     * The same, {@code documentedBody} when the operation declares a body its handler reads itself (a
     * feed or an inventory streamed from the request), which is checked and limited like any other.
     */
    static Map<String, String> errorsOf(HandlerMethod handler, boolean documentedBody) {
        Map<String, String> errors = new LinkedHashMap<>();
        MethodParameter[] parameters = handler.getMethodParameters();
        boolean body = documentedBody || has(parameters, RequestBody.class);
        boolean pathId = has(parameters, PathVariable.class);
        errors.put("400", "A malformed parameter, header or body");
        errors.put("401", "No token, or one that is expired, not signed by the issuer or not for this service");
        preAuthorize(handler)
                .ifPresent(rule -> errors.put("403", "The caller's roles do not allow it (" + rule.value() + ")"));
        if (pathId) {
            errors.put("404", "No such resource, or one the caller may not see");
        }
        if (changes(handler) && (pathId || idempotencyKey(parameters))) {
            errors.put("409", "The resource's state does not allow it now, or another change came first");
        }
        if (body) {
            errors.put("413", "The body is larger than the service accepts");
            errors.put("415", "The body is not of a type the operation reads");
        }
        if (body || has(parameters, RequestParam.class)) {
            errors.put("422", "The input breaks a rule: each field at fault is listed under errors");
        }
        return errors;
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                PROBLEM_JSON,
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    private static Optional<PreAuthorize> preAuthorize(HandlerMethod handler) {
        return Optional.ofNullable(handler.getMethodAnnotation(PreAuthorize.class))
                .or(() -> Optional.ofNullable(
                        AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class)));
    }

    private static boolean changes(HandlerMethod handler) {
        return handler.hasMethodAnnotation(PostMapping.class)
                || handler.hasMethodAnnotation(PutMapping.class)
                || handler.hasMethodAnnotation(PatchMapping.class)
                || handler.hasMethodAnnotation(DeleteMapping.class);
    }

    /** A create made idempotent by its key can meet an earlier request with the same key and another body. */
    private static boolean idempotencyKey(MethodParameter[] parameters) {
        return Arrays.stream(parameters)
                .map(parameter -> parameter.getParameterAnnotation(RequestHeader.class))
                .filter(Objects::nonNull)
                .anyMatch(header -> IDEMPOTENCY_KEY.equalsIgnoreCase(header.value())
                        || IDEMPOTENCY_KEY.equalsIgnoreCase(header.name()));
    }

    private static boolean has(MethodParameter[] parameters, Class<? extends Annotation> annotation) {
        return Arrays.stream(parameters).anyMatch(parameter -> parameter.hasParameterAnnotation(annotation));
    }
}
