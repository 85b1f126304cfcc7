package fr.picloud.platform.security;

import fr.picloud.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/** 401, 403 and the firewall's rejections from the security filter chain, as problem details like every other error. */
final class ProblemSecurityHandlers {

    private ProblemSecurityHandlers() {}

    static AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            Problems.write(
                    request,
                    response,
                    Problems.of(
                            HttpStatus.UNAUTHORIZED,
                            "unauthorized",
                            "Unauthorized",
                            "A valid bearer token for this service is required."));
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, e) -> Problems.write(
                request,
                response,
                Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Your roles do not allow this."));
    }

    /**
     * What {@code StrictHttpFirewall} refuses (a double slash, an encoded slash or dot, a header it
     * distrusts), which Spring Security would send to the container's error page.
     */
    static RequestRejectedHandler rejected() {
        return (request, response, e) -> Problems.write(
                request,
                response,
                Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "rejected-request",
                        "Request rejected",
                        "The request's path or headers hold something no endpoint accepts, such as a double slash"
                                + " or an encoded slash or dot."));
    }
}
