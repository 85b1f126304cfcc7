package fr.picloud.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the request's parameters before anything else does, so a query string that cannot be read
 * (bytes that are not UTF-8 such as {@code ?q=%00%ff}, too many parameters) is a 400 problem detail
 * for every caller, before authentication and authorization, instead of Tomcat's
 * {@link InvalidParameterException} surfacing as a 500 from wherever a parameter is first asked for.
 */
public class QueryStringCheck extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParameterMap();
        } catch (InvalidParameterException e) {
            Problems.write(
                    request,
                    response,
                    Problems.of(
                            HttpStatus.BAD_REQUEST,
                            "invalid-query",
                            "Invalid query string",
                            "The query string cannot be read: its parameters must be percent-encoded UTF-8,"
                                    + " and not too many."));
            return;
        }
        chain.doFilter(request, response);
    }
}
