package fr.picloud.openstack.emulator.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One HTTP call as the emulated services see it. The base URL is the one the client used to reach
 * the emulator, so the service catalogue and links point back at the emulator itself.
 */
public record ApiRequest(
        String method,
        String path,
        Map<String, List<String>> query,
        Map<String, String> headers,
        byte[] body,
        String baseUrl,
        Map<String, String> pathParams) {

    public static ApiRequest of(
            String method, String path, String rawQuery, Map<String, String> headers, byte[] body, String baseUrl) {
        return new ApiRequest(method, path, parseQuery(rawQuery), headers, body, baseUrl, Map.of());
    }

    public ApiRequest withPathParams(Map<String, String> params) {
        return new ApiRequest(method, path, query, headers, body, baseUrl, params);
    }

    public String param(String name) {
        return pathParams.get(name);
    }

    /** Header lookup, case-insensitive: headers are stored lower-cased. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase()));
    }

    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    public List<String> queryParams(String name) {
        return query.getOrDefault(name, List.of());
    }

    /** The JSON body, or a 400 in the service's own words when it is missing or malformed. */
    public JsonNode json(ErrorStyle style) {
        if (body == null || body.length == 0) {
            throw style.badRequest("Malformed request body: the request body is empty.");
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw style.badRequest("Malformed request body: " + e.getOriginalMessage());
        }
    }

    /** The object under the resource key ({"network": {...}}), or a 400 when it is absent. */
    public JsonNode resource(ErrorStyle style, String key) {
        JsonNode node = json(style).get(key);
        if (node == null || !node.isObject()) {
            throw style.badRequest("Malformed request body: '" + key + "' is a required property.");
        }
        return node;
    }

    private static Map<String, List<String>> parseQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }
}
