package fr.picloud.openstack.emulator.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Matches "METHOD /path/{param}" templates; a tiny table instead of a web framework keeps start-up instant. */
public final class Router {

    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request);
    }

    private record Route(String method, String[] segments, Handler handler) {}

    private final List<Route> routes = new ArrayList<>();

    public Router route(String method, String template, Handler handler) {
        routes.add(new Route(method, split(template), handler));
        return this;
    }

    public Router get(String template, Handler handler) {
        // HEAD is GET without a body: clients use it to check a role assignment or a tag
        route("HEAD", template, handler);
        return route("GET", template, handler);
    }

    public Router post(String template, Handler handler) {
        return route("POST", template, handler);
    }

    public Router put(String template, Handler handler) {
        return route("PUT", template, handler);
    }

    public Router patch(String template, Handler handler) {
        return route("PATCH", template, handler);
    }

    public Router delete(String template, Handler handler) {
        return route("DELETE", template, handler);
    }

    /** Dispatches a path relative to the service's prefix; 404/405 in the service's own words. */
    public ApiResponse dispatch(ApiRequest request, String relativePath, ErrorStyle style) {
        String[] segments = split(relativePath);
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> params = match(route.segments(), segments);
            if (params == null) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(request.method())) {
                return route.handler().handle(request.withPathParams(params));
            }
        }
        if (pathKnown) {
            throw style.methodNotAllowed();
        }
        throw style.notFound("The resource could not be found.");
    }

    private static Map<String, String> match(String[] template, String[] path) {
        if (template.length != path.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>(4);
        for (int i = 0; i < template.length; i++) {
            String expected = template[i];
            if (expected.startsWith("{")) {
                params.put(expected.substring(1, expected.length() - 1), path[i]);
            } else if (!expected.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String trimmed = path;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }
}
