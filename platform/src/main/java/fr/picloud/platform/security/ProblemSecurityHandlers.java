package fr.picloud.platform.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 from the security filter chain, as problem details like every other error. */
final class ProblemSecurityHandlers {

    private ProblemSecurityHandlers() {}

    static AuthenticationEntryPoint unauthorized(JsonMapper json) {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            write(
                    json,
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "unauthorized",
                    "Unauthorized",
                    "A valid bearer token is required.");
        };
    }

    static AccessDeniedHandler forbidden(JsonMapper json) {
        return (request, response, e) ->
                write(json, response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Your roles do not allow this.");
    }

    private static void write(
            JsonMapper json, HttpServletResponse response, HttpStatus status, String type, String title, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://picloud.example/problems/" + type));
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
