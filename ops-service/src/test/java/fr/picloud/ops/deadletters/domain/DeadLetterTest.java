package fr.picloud.ops.deadletters.domain;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    private static final List<String> KNOWN = List.of("picloud.orders", "picloud.orders.requests", "picloud.billing");

    private static DeadLetter.Header header(String name, String value) {
        return new DeadLetter.Header(name, value.getBytes(UTF_8));
    }

    private static DeadLetter parked(String topic, List<DeadLetter.Header> headers) {
        return new DeadLetter(topic, 0, 7, "k", Instant.EPOCH, "{\"a\":1}".getBytes(UTF_8), headers);
    }

    @Test
    void the_original_topic_is_the_one_the_dead_letter_topics_name_encodes_not_the_header() {
        DeadLetter message = parked(
                "error.picloud.billing.billing-watch", List.of(header("x-original-topic", "picloud.orders.requests")));

        assertThat(message.originalTopic(KNOWN)).contains("picloud.billing");
    }

    @Test
    void the_longest_known_topic_in_the_name_wins() {
        assertThat(parked("error.picloud.orders.requests.order-service", List.of())
                        .originalTopic(KNOWN))
                .contains("picloud.orders.requests");
        assertThat(parked("error.picloud.orders.billing-service", List.of()).originalTopic(KNOWN))
                .contains("picloud.orders");
        assertThat(parked("error.elsewhere.group", List.of(header("x-original-topic", "picloud.billing")))
                        .originalTopic(KNOWN))
                .as("a name that encodes no platform topic has no original topic, whatever the header says")
                .isEmpty();
    }

    @Test
    void a_replay_carries_the_original_headers_without_the_failure_nor_the_old_trace() {
        DeadLetter message = parked(
                "error.picloud.billing.g",
                List.of(
                        header("ce_id", "e1"),
                        header("ce_type", "picloud.billing.budget-threshold-crossed"),
                        header("traceparent", "00-abc-def-01"),
                        header("x-original-topic", "picloud.billing"),
                        header("x-original-offset", "12"),
                        header("x-exception-message", "boom"),
                        header("x-exception-fqcn", "java.lang.IllegalStateException"),
                        header("x-exception-stacktrace", "...")));

        assertThat(message.replayHeaders()).extracting(DeadLetter.Header::name).containsExactly("ce_id", "ce_type");
    }

    @Test
    void the_preview_is_cut_at_the_given_length() {
        DeadLetter message = parked("error.picloud.billing.g", List.of());

        assertThat(message.payloadPreview(3)).isEqualTo("{\"a…");
        assertThat(message.payloadPreview(100)).isEqualTo("{\"a\":1}");
    }
}
