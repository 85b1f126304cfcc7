package fr.picloud.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Canonical offering bodies: the reference VM stack of the seed catalogue, and variations of it. */
final class OfferingMother {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OfferingMother() {}

    /** The reference VM stack under another code, with its prices. */
    static ObjectNode vmStack(String code) {
        ObjectNode body = (ObjectNode) JSON.readTree(seed("vm-stack.json"));
        body.put("code", code);
        return body;
    }

    static ObjectNode withoutPrices(ObjectNode body) {
        body.remove("rates");
        return body;
    }

    static JsonMapper json() {
        return JSON;
    }

    static String json(ObjectNode body) {
        return JSON.writeValueAsString(body);
    }

    static String newOfferingJson(String code) {
        return json(vmStack(code));
    }

    private static String seed(String name) {
        try (InputStream in = OfferingMother.class.getResourceAsStream("/seed/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
