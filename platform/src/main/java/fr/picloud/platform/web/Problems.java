package fr.picloud.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's RFC 9457 problem details: a type under {@link #TYPE_BASE}, a title, the status, a
 * detail for the caller and the path as instance; written the same way by the controllers' advice,
 * the servlet filters, the security chain and the servlet container's error page.
 */
public final class Problems {

    public static final String TYPE_BASE = "https://picloud.example/problems/";

    private static final URI ABOUT_BLANK = URI.create("about:blank");

    /** As Spring MVC writes a problem detail: its extra properties at the top level, nothing empty. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
            .build();

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    /**
     * Gives a problem built by Spring (type {@code about:blank}) the platform's type for its status,
     * e.g. {@code .../problems/method-not-allowed}; a problem with a type of its own keeps it.
     */
    static ProblemDetail withPlatformType(ProblemDetail problem) {
        if (problem.getType() == null || ABOUT_BLANK.equals(problem.getType())) {
            problem.setType(URI.create(TYPE_BASE + typeOf(HttpStatusCode.valueOf(problem.getStatus()))));
        }
        if (problem.getTitle() == null) {
            problem.setTitle(titleOf(HttpStatusCode.valueOf(problem.getStatus())));
        }
        return problem;
    }

    /** A problem for a bare status (an error the container forwards to its error page). */
    static ProblemDetail ofStatus(HttpStatusCode status, String detail) {
        return of(status, typeOf(status), titleOf(status), detail);
    }

    /** Writes a problem straight to the response, for the layers that run outside Spring MVC. */
    public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        if (problem.getInstance() == null) {
            problem.setInstance(instanceOf(request));
        }
        byte[] body = JSON.writeValueAsBytes(problem);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // a declared length: the client reads the whole problem even if the connection closes after it
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String typeOf(HttpStatusCode status) {
        if (status.is5xxServerError()) {
            return "internal";
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null
                ? "status-" + status.value()
                : known.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static String titleOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "HTTP " + status.value() : known.getReasonPhrase();
    }

    /** The path asked for, when it is a URI at all (a rejected request's path may not be). */
    private static URI instanceOf(HttpServletRequest request) {
        try {
            return URI.create(request.getRequestURI());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
