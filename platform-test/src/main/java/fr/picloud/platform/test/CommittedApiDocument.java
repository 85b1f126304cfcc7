package fr.picloud.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A service's OpenAPI document as committed under {@code contracts/src/main/resources/openapi/<service>.json}:
 * pretty-printed with its keys sorted, so that a change of the API is a readable diff in review. The
 * served document must be the committed one; {@code -Dopenapi.refresh=true} rewrites the file instead.
 */
public final class CommittedApiDocument {

    /** The system property that rewrites the committed document from the served one. */
    public static final String REFRESH = "openapi.refresh";

    static final Path DIRECTORY = Path.of("contracts", "src", "main", "resources", "openapi");

    private static final int DIFFERENCES_SHOWN = 20;

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private CommittedApiDocument() {}

    /** Fails unless {@code served} is the committed document of {@code service}, or rewrites it on refresh. */
    public static void check(String service, JsonNode served) {
        Path file = fileOf(service);
        String canonical = canonical(served);
        if (Boolean.getBoolean(REFRESH)) {
            write(file, canonical);
            return;
        }
        String refresh = "If the change is meant, refresh the committed document and commit it:\n"
                + "  ./mvnw -o verify -pl " + service + " -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=ServiceBaselineIT -D" + REFRESH + "=true";
        assertThat(file)
                .as("the committed OpenAPI document of %s is missing. %s", service, refresh)
                .exists();
        JsonNode committed = read(file);
        List<String> differences = new ArrayList<>();
        differences(committed, sorted(served), "", differences);
        assertThat(differences)
                .as(
                        "%s serves another OpenAPI document than %s, at these JSON pointers (committed -> served)."
                                + " %s",
                        service, DIRECTORY.resolve(service + ".json"), refresh)
                .isEmpty();
    }

    /** The file of {@code service}'s document, in the checkout the test runs in (from the module or the root). */
    static Path fileOf(String service) {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isDirectory(directory.resolve("contracts"))) {
            directory = directory.getParent();
        }
        assertThat(directory)
                .as("a checkout with a contracts module above %s", Path.of("").toAbsolutePath())
                .isNotNull();
        return directory.resolve(DIRECTORY).resolve(service + ".json");
    }

    /** Pretty-printed with every object's keys sorted, and a final newline. */
    static String canonical(JsonNode document) {
        return JSON.writeValueAsString(sorted(document)) + "\n";
    }

    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            new TreeSet<>(node.propertyNames()).forEach(name -> sorted.set(name, sorted(node.get(name))));
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode sorted = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> sorted.add(sorted(element)));
            return sorted;
        }
        return node;
    }

    /** Where the two documents differ, as JSON pointers with both values, the first ones only. */
    static void differences(JsonNode committed, JsonNode served, String pointer, List<String> found) {
        if (found.size() >= DIFFERENCES_SHOWN || committed.equals(served)) {
            return;
        }
        if (committed.isObject() && served.isObject()) {
            TreeSet<String> names = new TreeSet<>(committed.propertyNames());
            names.addAll(served.propertyNames());
            for (String name : names) {
                String at = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!committed.has(name)) {
                    found.add(at + ": (none) -> " + shortened(served.get(name)));
                } else if (!served.has(name)) {
                    found.add(at + ": " + shortened(committed.get(name)) + " -> (none)");
                } else {
                    differences(committed.get(name), served.get(name), at, found);
                }
            }
        } else if (committed.isArray() && served.isArray() && committed.size() == served.size()) {
            for (int index = 0; index < committed.size(); index++) {
                differences(committed.get(index), served.get(index), pointer + "/" + index, found);
            }
        } else {
            found.add((pointer.isEmpty() ? "/" : pointer) + ": " + shortened(committed) + " -> " + shortened(served));
        }
    }

    private static String shortened(JsonNode node) {
        String text = node.toString();
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }

    private static JsonNode read(Path file) {
        return JSON.readTree(file.toFile());
    }

    private static void write(Path file, String canonical) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, canonical, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh " + file, e);
        }
    }
}
