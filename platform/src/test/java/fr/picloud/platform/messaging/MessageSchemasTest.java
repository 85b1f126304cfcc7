package fr.picloud.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.contracts.EventEnvelope;
import fr.picloud.contracts.Message;
import fr.picloud.contracts.MessageCatalog;
import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.order.OrderPlaced;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.yaml.snakeyaml.Yaml;

class MessageSchemasTest {

    @Test
    void every_message_the_platform_can_publish_names_its_schema_in_the_asyncapi_document() throws Exception {
        Set<Class<?>> annotated = messageRecords();
        assertThat(annotated)
                .as("every @MessageType record of the contracts is in MessageCatalog.ALL")
                .containsExactlyInAnyOrderElementsOf(MessageCatalog.ALL);

        Map<String, Object> document = asyncApi();
        for (Class<? extends Message> messageClass : MessageCatalog.ALL) {
            MessageType type = MessageCatalog.typeOf(messageClass);
            URI schema = MessageSchemas.of(type.type(), type.version())
                    .orElseThrow(() -> new AssertionError("no message of asyncapi.yaml describes " + type.type() + " v"
                            + type.version() + " (" + messageClass.getSimpleName() + ")"));

            assertThat(schema.toString()).startsWith(MessageSchemas.DOCUMENT_URN + "#/components/messages/");
            Map<String, Object> message = resolve(document, schema.getFragment());
            assertThat(message.get("name")).as("the message at %s", schema).isEqualTo(type.type());
            assertThat(message.get("x-picloud-version"))
                    .as("the message at %s", schema)
                    .isEqualTo(type.version());
            assertThat(resolve(message, "/payload/schema").get("$ref"))
                    .as("the payload schema of the message at %s", schema)
                    .isEqualTo("schemas/" + MessageCatalog.schemaFileOf(messageClass));
        }
    }

    @Test
    void a_published_event_carries_the_uri_of_its_schema_as_its_dataschema() {
        MessageType placed = MessageCatalog.typeOf(OrderPlaced.class);

        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(event(placed.type(), placed.version()));

        assertThat(header(record, "ce_dataschema"))
                .isEqualTo("urn:picloud:contracts:asyncapi.yaml#/components/messages/orderPlaced");
    }

    @Test
    void a_type_the_contracts_do_not_describe_travels_without_a_dataschema() {
        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(event("picloud.test.unknown", 1));

        assertThat(record.headers().lastHeader("ce_dataschema")).isNull();
        assertThat(header(record, "ce_type")).isEqualTo("picloud.test.unknown");
    }

    private static OutboundEvent event(String type, int version) {
        String orderId = UUID.randomUUID().toString();
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(),
                type,
                version,
                "/picloud/order-service",
                orderId,
                Instant.parse("2026-12-01T09:00:00Z"),
                orderId,
                null,
                "police");
        return new OutboundEvent("picloud.orders", orderId, envelope, "{}");
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The message records of the contracts, found by their annotation rather than by a list. */
    private static Set<Class<?>> messageRecords() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(MessageType.class));
        return scanner.findCandidateComponents("fr.picloud.contracts").stream()
                .map(BeanDefinition::getBeanClassName)
                .map(name -> ClassUtils.resolveClassName(name, MessageSchemasTest.class.getClassLoader()))
                .collect(Collectors.toSet());
    }

    private static Map<String, Object> asyncApi() throws Exception {
        try (InputStream in = MessageSchemasTest.class.getClassLoader().getResourceAsStream(MessageSchemas.DOCUMENT)) {
            return new Yaml().load(in);
        }
    }

    /** A JSON pointer into the YAML document. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> resolve(Map<String, Object> document, String pointer) {
        Object node = document;
        for (String token : List.of(pointer.substring(1).split("/"))) {
            assertThat(node).as("%s resolves in asyncapi.yaml", pointer).isInstanceOf(Map.class);
            node = ((Map<String, Object>) node).get(token.replace("~1", "/").replace("~0", "~"));
        }
        assertThat(node).as("%s resolves in asyncapi.yaml", pointer).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }
}
