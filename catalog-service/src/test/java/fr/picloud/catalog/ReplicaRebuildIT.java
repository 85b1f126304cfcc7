package fr.picloud.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.Topics;
import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.platform.test.ApiClient;
import fr.picloud.platform.test.PiCloudIntegrationTest;
import fr.picloud.platform.test.TestKafka;
import fr.picloud.platform.test.TestTokens;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/** The compacted catalogue topic alone is enough for a newcomer to rebuild a full replica. */
@PiCloudIntegrationTest
class ReplicaRebuildIT {

    private static final String ADMIN = TestTokens.token("catalog-admin", "dsic", "catalog-admin");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void a_fresh_consumer_rebuilds_every_visible_offering_at_its_latest_revision_from_the_topic_alone() {
        ApiClient api = new ApiClient(port);
        Map<String, String> expectedStatus = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            String id = api.post("/api/v1/offerings", ADMIN, OfferingMother.newOfferingJson("rebuild-" + i))
                    .json()
                    .path("offering")
                    .path("offeringId")
                    .asString();
            api.post("/api/v1/offerings/" + id + "/publish", ADMIN, "");
            expectedStatus.put(id, "PUBLISHED");
            if (i % 2 == 0) {
                api.post(
                        "/api/v1/offerings/" + id + "/prices",
                        ADMIN,
                        "{\"effectiveFrom\": \"%s\", \"rates\": {\"VCPU_HOUR\": 0.02}}"
                                .formatted(LocalDate.now().plusDays(7)));
            }
            if (i % 3 == 0) {
                api.post("/api/v1/offerings/" + id + "/deprecate", ADMIN, "");
                expectedStatus.put(id, "DEPRECATED");
            }
        }

        Map<String, OfferingState> replica = new HashMap<>();
        try (KafkaConsumer<String, byte[]> fresh = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.get().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "rebuild-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class))) {
            fresh.subscribe(List.of(Topics.CATALOG_OFFERINGS));
            await("a replica of the " + expectedStatus.size() + " offerings at their latest state")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        fresh.poll(Duration.ofMillis(500)).forEach(record -> {
                            OfferingState state = JSON.readValue(record.value(), Envelope.class)
                                    .offering();
                            replica.merge(
                                    record.key(),
                                    state,
                                    (held, incoming) -> incoming.revision() > held.revision() ? incoming : held);
                        });
                        return expectedStatus.entrySet().stream()
                                .allMatch(expected -> replica.containsKey(expected.getKey())
                                        && expected.getValue()
                                                .equals(replica.get(expected.getKey())
                                                        .status()));
                    });
        }
        for (String id : expectedStatus.keySet()) {
            OfferingState rebuilt = replica.get(id);
            OfferingState held = JSON.treeToValue(
                    api.get("/api/v1/offerings/" + id, ADMIN).json().path("offering"), OfferingState.class);
            assertThat(rebuilt).as("offering %s rebuilt from the topic", id).isEqualTo(held);
        }
    }

    /** Every catalogue event's payload: the offering's full state. */
    record Envelope(OfferingState offering) {}
}
