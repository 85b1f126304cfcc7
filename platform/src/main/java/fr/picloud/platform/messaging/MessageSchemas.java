package fr.picloud.platform.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Where a consumer finds the schema of an event's payload from the event alone: its CloudEvents
 * {@code dataschema}, the message of the contracts' {@code asyncapi.yaml} (at the root of the contracts
 * jar) that describes its type and version, as {@code urn:picloud:contracts:asyncapi.yaml} with the
 * JSON pointer of the message, for example
 * {@code urn:picloud:contracts:asyncapi.yaml#/components/messages/orderPlaced}. A URN rather than a
 * URL: the document travels with the contracts, no server serves it at a stable address.
 */
public final class MessageSchemas {

    /** The AsyncAPI document on the class path, as the contracts jar ships it. */
    static final String DOCUMENT = "asyncapi.yaml";

    static final String DOCUMENT_URN = "urn:picloud:contracts:asyncapi.yaml";

    private static final Map<Key, URI> BY_TYPE = read();

    private MessageSchemas() {}

    /** The schema of a message type and version, empty for one the contracts do not describe. */
    public static Optional<URI> of(String type, int version) {
        return Optional.ofNullable(BY_TYPE.get(new Key(type, version)));
    }

    @SuppressWarnings("unchecked")
    private static Map<Key, URI> read() {
        Map<String, Object> document;
        try (InputStream in = MessageSchemas.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            Objects.requireNonNull(in, "the contracts' " + DOCUMENT + " is not on the class path");
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + DOCUMENT, e);
        }
        Map<String, Object> components = (Map<String, Object>) document.getOrDefault("components", Map.of());
        Map<String, Map<String, Object>> messages =
                (Map<String, Map<String, Object>>) components.getOrDefault("messages", Map.of());
        Map<Key, URI> schemas = new HashMap<>();
        messages.forEach((name, message) -> {
            if (message.get("name") instanceof String type
                    && message.get("x-picloud-version") instanceof Integer version) {
                schemas.put(new Key(type, version), URI.create(DOCUMENT_URN + "#/components/messages/" + name));
            }
        });
        return Map.copyOf(schemas);
    }

    private record Key(String type, int version) {}
}
