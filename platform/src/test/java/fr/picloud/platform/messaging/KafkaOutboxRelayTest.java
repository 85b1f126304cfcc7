package fr.picloud.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The relay: an event is sent once however often it is handed in, a failed event holds back the later
 * events of its key, and the hand-off queue is bounded. The broker is a {@link MockProducer} that
 * acknowledges or fails only when the test says so.
 */
class KafkaOutboxRelayTest {

    /** Stays open: the template closes its producer after each send, as it would return a pooled one. */
    private final MockProducer<String, byte[]> broker =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer()) {
                @Override
                public void close(Duration timeout) {}
            };

    private final KafkaOutboxRelay relay = new KafkaOutboxRelay(
            new KafkaTemplate<>(new MockProducerFactory<>(() -> broker)),
            Duration.ofMinutes(1),
            100,
            Duration.ofMinutes(5));

    @Test
    void an_event_handed_in_again_after_it_was_sent_is_not_sent_twice() throws Exception {
        OutboundEvent event = event("order-1");

        acknowledged(event);
        relay.relay(event); // returns at once: nothing to wait for

        assertThat(broker.history()).hasSize(1);
    }

    @Test
    void a_later_event_of_a_key_whose_earlier_event_failed_waits_for_it() throws Exception {
        OutboundEvent earlier = event("order-7");
        OutboundEvent later = event("order-7");
        CompletableFuture<Void> first = handedIn(earlier);
        awaitSent(1);
        broker.errorNext(new NetworkException("broker away"));
        assertThat(first).failsWithin(Duration.ofSeconds(10));

        assertThatThrownBy(() -> relay.relay(later))
                .as("the earlier event of order-7 has not come back")
                .isInstanceOf(KafkaOutboxRelay.EarlierEventWaitsException.class);
        acknowledged(event("order-8")); // another key is not held back
        acknowledged(earlier);
        acknowledged(later);

        assertThat(broker.history().stream()
                        .filter(record -> "order-7".equals(record.key()))
                        .map(KafkaOutboxRelayTest::eventId))
                .containsExactly(id(earlier), id(earlier), id(later));
    }

    @Test
    void above_its_capacity_the_hand_off_is_refused_at_once_and_the_event_stays_in_the_outbox() {
        ThreadPoolTaskExecutor executor = KafkaOutboxRelay.executor(2);
        executor.initialize();
        CountDownLatch release = new CountDownLatch(1);
        try {
            for (int i = 0; i < 3; i++) { // one running, two queued
                executor.execute(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertThatThrownBy(() -> executor.execute(() -> {}))
                    .hasRootCauseInstanceOf(RejectedExecutionException.class)
                    .rootCause()
                    .hasMessageContaining("stays in the outbox");
        } finally {
            release.countDown();
            executor.shutdown();
        }
    }

    /** Hands the event in on another thread (the relay's own, in production): it waits for the broker. */
    private CompletableFuture<Void> handedIn(OutboundEvent event) {
        return CompletableFuture.runAsync(() -> {
            try {
                relay.relay(event);
            } catch (InterruptedException | ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void acknowledged(OutboundEvent event) {
        int before = broker.history().size();
        CompletableFuture<Void> sending = handedIn(event);
        awaitSent(before + 1);
        broker.completeNext();
        assertThat(sending).succeedsWithin(Duration.ofSeconds(10));
    }

    private void awaitSent(int count) {
        await("%d records handed to the broker".formatted(count))
                .atMost(Duration.ofSeconds(10))
                .until(() -> broker.history().size() >= count);
    }

    private static OutboundEvent event(String key) {
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(), "picloud.test.happened", 1, "/picloud/test", key, Instant.now(), key, null, "t");
        return new OutboundEvent("picloud.test", key, envelope, "{}");
    }

    private static String id(OutboundEvent event) {
        return event.envelope().eventId().toString();
    }

    private static String eventId(ProducerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader("ce_id").value());
    }
}
