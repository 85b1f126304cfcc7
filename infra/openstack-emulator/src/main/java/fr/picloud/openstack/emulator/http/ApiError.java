package fr.picloud.openstack.emulator.http;

import tools.jackson.databind.node.ObjectNode;

/**
 * An error answered with the exact body shape of the service that raises it, because clients
 * parse those bodies: openstack4j reads the nested "message", the CLI prints it.
 */
public final class ApiError extends RuntimeException {

    private final ApiResponse response;

    private ApiError(ApiResponse response, String message) {
        super(message, null, false, false);
        this.response = response;
    }

    public ApiResponse response() {
        return response;
    }

    /** Nova and Cinder: {"itemNotFound": {"code": 404, "message": "..."}}. */
    public static ApiError nova(int status, String fault, String message) {
        ObjectNode inner = Json.object().put("code", status).put("message", message);
        return new ApiError(ApiResponse.json(status, Json.wrap(fault, inner)), message);
    }

    /** Neutron: {"NeutronError": {"type": "NetworkNotFound", "message": "...", "detail": ""}}. */
    public static ApiError neutron(int status, String type, String message) {
        ObjectNode inner =
                Json.object().put("type", type).put("message", message).put("detail", "");
        return new ApiError(ApiResponse.json(status, Json.wrap("NeutronError", inner)), message);
    }

    /** Keystone, and keystonemiddleware in front of every service: {"error": {"code", "title", "message"}}. */
    public static ApiError keystone(int status, String title, String message) {
        ObjectNode inner = Json.object().put("code", status).put("title", title).put("message", message);
        return new ApiError(ApiResponse.json(status, Json.wrap("error", inner)), message);
    }

    public static ApiError unauthorized() {
        return keystone(401, "Unauthorized", "The request you have made requires authentication.");
    }

    /** Glance answers errors as webob plain text. */
    public static ApiError glance(int status, String title, String message) {
        return new ApiError(ApiResponse.text(status, status + " " + title + "\n\n" + message + "\n\n   "), message);
    }
}
