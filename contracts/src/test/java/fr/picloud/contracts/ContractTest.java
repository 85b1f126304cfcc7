package fr.picloud.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    @TestFactory
    Stream<DynamicTest> every_message_serializes_to_exactly_what_its_schema_describes() {
        return MessageCatalog.ALL.stream()
                .map(messageClass -> DynamicTest.dynamicTest(messageClass.getSimpleName(), () -> {
                    Message sample = ContractSamples.BY_CLASS.get(messageClass);
                    assertThat(sample)
                            .as("an Object Mother sample of %s", messageClass)
                            .isNotNull();
                    JsonNode schemaNode = readSchema(messageClass);
                    Schema schema = SCHEMAS.getSchema(schemaNode);
                    List<Error> errors = schema.validate(JSON.valueToTree(sample));
                    assertThat(errors)
                            .as("%s against its schema", messageClass.getSimpleName())
                            .isEmpty();

                    Set<String> components = new HashSet<>();
                    Arrays.stream(messageClass.getRecordComponents())
                            .map(RecordComponent::getName)
                            .forEach(components::add);
                    Set<String> properties = new HashSet<>();
                    schemaNode.path("properties").propertyNames().forEach(properties::add);
                    assertThat(properties)
                            .as("schema properties of %s", messageClass.getSimpleName())
                            .isEqualTo(components);
                }));
    }

    @TestFactory
    Stream<DynamicTest> no_schema_breaks_a_consumer_of_its_published_baseline() throws IOException {
        Path baselines = Path.of("src/test/resources/baseline");
        try (Stream<Path> files = Files.list(baselines)) {
            return files.sorted().toList().stream()
                    .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                        JsonNode baseline = JSON.readTree(file.toFile());
                        InputStream current = getClass().getResourceAsStream("/schemas/" + file.getFileName());
                        assertThat(current)
                                .as("current schema for baseline %s", file.getFileName())
                                .isNotNull();
                        assertThat(SchemaCompatibility.breakingChanges(baseline, JSON.readTree(current)))
                                .isEmpty();
                    }));
        }
    }

    @Test
    void every_message_has_a_baseline_so_later_changes_are_checked() {
        for (Class<? extends Message> messageClass : MessageCatalog.ALL) {
            assertThat(Path.of("src/test/resources/baseline", MessageCatalog.schemaFileOf(messageClass)))
                    .exists();
        }
    }

    @Test
    void asyncapi_documents_every_message_and_its_topic() {
        Map<String, Object> asyncApi = new Yaml().load(getClass().getResourceAsStream("/asyncapi.yaml"));
        assertThat(asyncApi.get("asyncapi")).isEqualTo("3.0.0");
        String document = JSON.writeValueAsString(asyncApi);
        for (Class<? extends Message> messageClass : MessageCatalog.ALL) {
            MessageType type = MessageCatalog.typeOf(messageClass);
            assertThat(document)
                    .as("asyncapi.yaml mentions %s", type.type())
                    .contains("\"name\":\"" + type.type() + "\"")
                    .contains("\"address\":\"" + type.topic() + "\"")
                    .contains("schemas/" + MessageCatalog.schemaFileOf(messageClass));
        }
    }

    @Test
    void message_types_are_unique_and_found_back_by_wire_name() {
        for (Class<? extends Message> messageClass : MessageCatalog.ALL) {
            MessageType type = MessageCatalog.typeOf(messageClass);
            assertThat(MessageCatalog.find(type.type(), type.version())).contains(messageClass);
        }
        assertThat(MessageCatalog.find("picloud.unknown", 1)).isEmpty();
    }

    private static JsonNode readSchema(Class<? extends Message> messageClass) {
        try (InputStream in =
                ContractTest.class.getResourceAsStream("/schemas/" + MessageCatalog.schemaFileOf(messageClass))) {
            assertThat(in).as("schema file of %s", messageClass.getSimpleName()).isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
