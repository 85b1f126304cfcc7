package fr.picloud.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page as a problem detail, in place of Spring Boot's
 * {@code {timestamp, status, error, path}} JSON: what a filter refused with {@code sendError}, or an
 * error no layer turned into a problem itself. The detail is the status's own sentence, never the
 * exception's message. A request for the page itself, with no error behind it, finds nothing there.
 */
// the servlet container's error page, not an operation a client calls: out of the OpenAPI document
@Hidden
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatusCode status =
                code instanceof Integer value && value >= 400 ? HttpStatusCode.valueOf(value) : HttpStatus.NOT_FOUND;
        response.resetBuffer();
        Problems.write(request, response, Problems.ofStatus(status, detailOf(status)));
    }

    private static String detailOf(HttpStatusCode status) {
        if (status.is5xxServerError()) {
            return "An unexpected error occurred; it has been logged.";
        }
        return switch (status.value()) {
            case 400 -> "The request is malformed.";
            case 401 -> "A valid bearer token is required.";
            case 403 -> "Your roles do not allow this.";
            case 404 -> "There is nothing at this path.";
            case 405 -> "This path does not take this method.";
            case 413 -> "The request body is too large.";
            default -> "The request cannot be served as sent.";
        };
    }
}
