package fr.picloud.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.Topics;
import fr.picloud.platform.test.ApiClient;
import fr.picloud.platform.test.TestMessages;
import fr.picloud.platform.test.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A real consumer (the binder, the platform's inbox) fails on billing events until its cause is
 * fixed; the binder dead-letters them; ops lists them with their failure and replays them, audited,
 * and each reaches the fixed consumer exactly once.
 */
@OpsIntegrationTest
class DeadLetterReplayIT {

    static final String DLQ = BudgetWatcher.DEAD_LETTERS;
    private static final String OPS = TestTokens.token("ops-alice", "dsic", "ops");

    @LocalServerPort
    int port;

    private final TestMessages messages = new TestMessages();

    @AfterEach
    void close() {
        messages.close();
    }

    @Test
    void dead_letters_are_listed_with_their_failure_then_replayed_once_each_after_the_fix_and_audited() {
        BudgetWatcher.BROKEN.set(true);
        String tenant = "tenant-" + UUID.randomUUID();
        var first = messages.send(budgetCrossed(tenant, 80), tenant, null);
        var second = messages.send(budgetCrossed(tenant, 100), tenant, null);
        String firstId = Records.id(first);
        String secondId = Records.id(second);

        JsonNode listed = await("both failed events on " + DLQ)
                .atMost(Duration.ofSeconds(60))
                .until(() -> deadLettersOf(firstId, secondId), found -> found.size() == 2);
        JsonNode firstParked = listed.get(0).path("eventId").asString().equals(firstId) ? listed.get(0) : listed.get(1);
        assertThat(firstParked.path("exceptionMessage").asString()).contains("budget rules not loaded");
        assertThat(firstParked.path("exceptionFqcn").asString()).isNotBlank();
        assertThat(firstParked.path("originalTopic").asString()).isEqualTo(Topics.BILLING);
        assertThat(firstParked.path("eventType").asString()).isEqualTo("picloud.billing.budget-threshold-crossed");
        assertThat(firstParked.path("key").asString()).isEqualTo(tenant);
        assertThat(firstParked.path("payloadPreview").asString()).contains("\"thresholdPercent\":80");
        assertThat(firstParked.path("replays")).isEmpty();
        assertThat(BudgetWatcher.HANDLED).doesNotContain(firstId, secondId);

        // the cause is fixed
        BudgetWatcher.BROKEN.set(false);
        ApiClient.Response one = post("/api/v1/ops/dead-letters/" + DLQ + "/"
                + firstParked.path("partition").asInt() + "/"
                + firstParked.path("offset").asLong() + "/replay");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("originalTopic").asString()).isEqualTo(Topics.BILLING);
        assertThat(one.json().path("replayedBy").asString()).isEqualTo("ops-alice");

        ApiClient.Response all = post("/api/v1/ops/dead-letters/" + DLQ + "/replay");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().path("replays").findValuesAsString("eventId"))
                .as("replay all skips the message replayed on its own")
                .containsExactly(secondId);
        assertThat(all.json().path("replays").findValuesAsString("mode")).containsExactly("all");
        ApiClient.Response allAgain = post("/api/v1/ops/dead-letters/" + DLQ + "/replay");
        assertThat(allAgain.json().path("replayed").asInt()).isZero();

        await("both events handled by the fixed consumer")
                .atMost(Duration.ofSeconds(60))
                .until(() -> BudgetWatcher.HANDLED.containsAll(List.of(firstId, secondId)));
        assertThat(copiesOnBilling(firstId)).as("the original and one replay").isEqualTo(2);
        assertThat(copiesOnBilling(secondId)).as("the original and one replay").isEqualTo(2);
        assertThat(BudgetWatcher.HANDLED.stream().filter(firstId::equals)).hasSize(1);
        assertThat(BudgetWatcher.HANDLED.stream().filter(secondId::equals)).hasSize(1);

        ApiClient.Response twice = post("/api/v1/ops/dead-letters/" + DLQ + "/"
                + firstParked.path("partition").asInt() + "/"
                + firstParked.path("offset").asLong() + "/replay");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.header("Content-Type")).startsWith("application/problem+json");

        JsonNode audit =
                new ApiClient(port).get("/api/v1/ops/dead-letters/replays", OPS).json();
        assertThat(audit.findValuesAsString("eventId")).contains(firstId, secondId);
        JsonNode firstAudit = null;
        for (JsonNode replay : audit) {
            if (replay.path("eventId").asString().equals(firstId)) {
                firstAudit = replay;
            }
        }
        assertThat(firstAudit.path("mode").asString()).isEqualTo("one");
        assertThat(firstAudit.path("replayedBy").asString()).isEqualTo("ops-alice");
        assertThat(firstAudit.path("message").path("topic").asString()).isEqualTo(DLQ);
        assertThat(Instant.parse(firstAudit.path("replayedAt").asString()))
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(deadLettersOf(firstId, secondId).get(0).path("replays")).hasSize(1);
    }

    @Test
    void a_replay_sent_once_more_on_purpose_is_absorbed_by_the_consumers_inbox() {
        BudgetWatcher.BROKEN.set(true);
        String tenant = "tenant-" + UUID.randomUUID();
        String id = Records.id(messages.send(budgetCrossed(tenant, 90), tenant, null));
        JsonNode parked = await("the failed event on " + DLQ)
                .atMost(Duration.ofSeconds(60))
                .until(() -> deadLettersOf(id), found -> found.size() == 1)
                .get(0);
        BudgetWatcher.BROKEN.set(false);
        String replay = "/api/v1/ops/dead-letters/" + DLQ + "/"
                + parked.path("partition").asInt() + "/" + parked.path("offset").asLong() + "/replay";

        assertThat(post(replay).status()).isEqualTo(200);
        assertThat(post(replay + "?again=true").status()).isEqualTo(200);

        await("three copies on the topic").atMost(Duration.ofSeconds(30)).until(() -> copiesOnBilling(id) == 3);
        await("the event handled").atMost(Duration.ofSeconds(30)).until(() -> BudgetWatcher.HANDLED.contains(id));
        // the third copy comes after the second on the same partition: once the probe after it is handled, both were
        // seen
        String probe = Records.id(messages.send(budgetCrossed(tenant, 95), tenant, null));
        await("a later event on the same key handled")
                .atMost(Duration.ofSeconds(30))
                .until(() -> BudgetWatcher.HANDLED.contains(probe));
        assertThat(BudgetWatcher.HANDLED.stream().filter(id::equals)).hasSize(1);
    }

    @Test
    void a_replay_goes_to_the_topic_the_dead_letter_topics_name_encodes_whatever_its_header_says() {
        String forgedDlq = "error." + Topics.BILLING + ".forged-" + UUID.randomUUID();
        var forged = Records.event(
                forgedDlq,
                // a type no consumer knows: its replayed copy is skipped, not parked again by the budget watcher
                "picloud.test.forged-request",
                "tenant-forged",
                "police",
                "tenant-forged",
                Instant.now(),
                "{\"tenant\":\"police\"}");
        forged.headers()
                .add("x-original-topic", Topics.ORDER_REQUESTS.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        messages.send(forged);
        String id = Records.id(forged);
        JsonNode parked = await("the forged record listed on " + forgedDlq)
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> {
                            for (JsonNode message : new ApiClient(port)
                                    .get("/api/v1/ops/dead-letters", OPS)
                                    .json()
                                    .findValues("messages")) {
                                for (JsonNode listed : message) {
                                    if (listed.path("eventId").asString().equals(id)) {
                                        return listed;
                                    }
                                }
                            }
                            return null;
                        },
                        java.util.Objects::nonNull);
        assertThat(parked.path("originalTopic").asString()).isEqualTo(Topics.BILLING);

        ApiClient.Response replay = post("/api/v1/ops/dead-letters/" + forgedDlq + "/"
                + parked.path("partition").asInt() + "/" + parked.path("offset").asLong() + "/replay");

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().path("originalTopic").asString()).isEqualTo(Topics.BILLING);
        assertThat(copiesOnBilling(id))
                .as("the replay went to the topic the name encodes")
                .isEqualTo(1);
        assertThat(Records.allOf(Topics.ORDER_REQUESTS).stream()
                        .filter(record -> id.equals(TestMessages.header(record, "ce_id"))))
                .as("nothing reaches the topic the header names")
                .isEmpty();
    }

    @Test
    void a_replay_of_an_unknown_topic_or_offset_is_a_404() {
        assertThat(post("/api/v1/ops/dead-letters/error.nothing.here/0/0/replay")
                        .status())
                .isEqualTo(404);
        assertThat(post("/api/v1/ops/dead-letters/error.nothing.here/replay").status())
                .isEqualTo(404);
    }

    private static fr.picloud.contracts.billing.BudgetThresholdCrossed budgetCrossed(String tenant, int percent) {
        return new fr.picloud.contracts.billing.BudgetThresholdCrossed(
                tenant,
                "2025-03",
                percent,
                new java.math.BigDecimal("1000.00"),
                new java.math.BigDecimal("800.00"),
                new java.math.BigDecimal("1000.00"),
                "EUR",
                Instant.now());
    }

    /** The listed dead letters with these event ids, in the order given. */
    private JsonNode deadLettersOf(String... eventIds) {
        ApiClient.Response response = new ApiClient(port).get("/api/v1/ops/dead-letters", OPS);
        var found = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        for (String eventId : eventIds) {
            for (JsonNode topic : response.json()) {
                if (topic.path("topic").asString().equals(DLQ)) {
                    assertThat(topic.path("originalTopic").asString()).isEqualTo(Topics.BILLING);
                    assertThat(topic.path("count").asLong()).isPositive();
                    for (JsonNode message : topic.path("messages")) {
                        if (message.path("eventId").asString().equals(eventId)) {
                            found.add(message);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static long copiesOnBilling(String eventId) {
        List<ConsumerRecord<String, byte[]>> records = Records.allOf(Topics.BILLING);
        return records.stream()
                .filter(record -> eventId.equals(TestMessages.header(record, "ce_id")))
                .count();
    }

    private ApiClient.Response post(String path) {
        return new ApiClient(port).post(path, OPS, "");
    }
}
