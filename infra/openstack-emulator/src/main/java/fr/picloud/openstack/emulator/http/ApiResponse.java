package fr.picloud.openstack.emulator.http;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What a handler answers: a status, a JSON (or plain text) body and extra headers. */
public record ApiResponse(int status, JsonNode json, String text, Map<String, String> headers) {

    public static ApiResponse json(int status, JsonNode body) {
        return new ApiResponse(status, body, null, Map.of());
    }

    public static ApiResponse ok(JsonNode body) {
        return json(200, body);
    }

    public static ApiResponse created(JsonNode body) {
        return json(201, body);
    }

    public static ApiResponse accepted(JsonNode body) {
        return json(202, body);
    }

    public static ApiResponse accepted() {
        return new ApiResponse(202, null, null, Map.of());
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, null, Map.of());
    }

    public static ApiResponse text(int status, String text) {
        return new ApiResponse(status, null, text, Map.of());
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.put(name, value);
        return new ApiResponse(status, json, text, Map.copyOf(merged));
    }
}
