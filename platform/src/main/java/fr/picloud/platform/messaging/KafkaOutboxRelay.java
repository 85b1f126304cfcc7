package fr.picloud.platform.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends outbox entries to Kafka once their transaction has committed. Spring Modulith's registry
 * marks an entry completed when {@link #relay} returns and leaves it in the outbox when it throws;
 * {@link OutboxResubmitter} hands a failed or stale entry here again later.
 *
 * <p>The committing thread only hands the event to the relay's {@link #EXECUTOR}: one thread, so the
 * events of one key leave in commit order, behind a bounded queue ({@code capacity}). Above it the
 * hand-off is refused at once and the event waits in the outbox for its resubmission; the committing
 * thread never waits for Kafka, nor for a second database connection: Spring Modulith records that a
 * publication is being processed in a transaction of its own, which runs on the relay's thread, not on
 * the committing one that still holds its connection (with a hundred orders at once, that second
 * connection exhausted the pool: {@code QuotaConcurrencyIT}).
 *
 * <p>An event handed in again after it was sent (a resubmission of an entry that went stale while it
 * waited in the queue) is not sent twice. Once an event of a key has failed to send, the later events
 * of that key fail too until that one has been sent (for at most {@code refusalMemory}), so a failure
 * does not let a later event of the same aggregate overtake an earlier one.
 */
public class KafkaOutboxRelay {

    /** The relay's executor: the bean that runs {@link #relay}. */
    public static final String EXECUTOR = "outboxRelayExecutor";

    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration sendTimeout;
    private final int sentMemory;
    private final Duration refusalMemory;

    /** Guarded by {@code this}: the events sent lately, and the failed ones per key with when they failed. */
    private final SequencedMap<UUID, Boolean> sent = new LinkedHashMap<>();

    private final Map<String, SequencedMap<UUID, Long>> failedByKey = new HashMap<>();

    /** An earlier event of the same key has not been sent yet: this one stays in the outbox behind it. */
    public static final class EarlierEventWaitsException extends RuntimeException {

        EarlierEventWaitsException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param sentMemory how many sent event ids are remembered to send none twice
     * @param refusalMemory how long a failed event holds back the later events of its key
     */
    public KafkaOutboxRelay(
            KafkaTemplate<String, byte[]> kafka, Duration sendTimeout, int sentMemory, Duration refusalMemory) {
        this.kafka = kafka;
        this.sendTimeout = sendTimeout;
        this.sentMemory = sentMemory;
        this.refusalMemory = refusalMemory;
    }

    /**
     * The relay's single thread and its bounded queue; a refused hand-off leaves the event in the
     * outbox. The send continues the trace of the request or event that caused it.
     */
    public static ThreadPoolTaskExecutor executor(int capacity) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setQueueCapacity(capacity);
        executor.setThreadNamePrefix("outbox-relay-");
        executor.setTaskDecorator(new ContextPropagatingTaskDecorator());
        executor.setRejectedExecutionHandler((task, pool) -> {
            throw new RejectedExecutionException("outbox relay queue full (" + capacity
                    + " events): the event stays in the outbox and is sent again by its resubmission");
        });
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        return executor;
    }

    @Async(EXECUTOR)
    @TransactionalEventListener
    public void relay(OutboundEvent event) throws InterruptedException, ExecutionException, TimeoutException {
        UUID id = event.envelope().eventId();
        synchronized (this) {
            if (sent.containsKey(id)) {
                return;
            }
            SequencedMap<UUID, Long> failed = failedByKey.get(event.key());
            if (failed != null) {
                forgetOldFailures(event.key(), failed);
                if (!failed.isEmpty() && !failed.firstEntry().getKey().equals(id)) {
                    failed.putIfAbsent(id, System.nanoTime());
                    throw new EarlierEventWaitsException("event " + id + " of key " + event.key()
                            + " stays in the outbox: an earlier event of that key has not been sent yet");
                }
            }
        }
        try {
            kafka.send(CloudEventCodec.toRecord(event)).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
            synchronized (this) {
                failedByKey
                        .computeIfAbsent(event.key(), key -> new LinkedHashMap<>())
                        .putIfAbsent(id, System.nanoTime());
            }
            throw e;
        }
        synchronized (this) {
            SequencedMap<UUID, Long> failed = failedByKey.get(event.key());
            if (failed != null && failed.remove(id) != null && failed.isEmpty()) {
                failedByKey.remove(event.key());
            }
            sent.put(id, Boolean.TRUE);
            if (sent.size() > sentMemory) {
                sent.pollFirstEntry();
            }
        }
    }

    /**
     * A failed event that has not come back within the refusal memory was relayed elsewhere (another
     * instance's resubmitter) or lost with its outbox row: it holds back its key no longer.
     */
    private void forgetOldFailures(String key, SequencedMap<UUID, Long> failed) {
        long now = System.nanoTime();
        failed.values().removeIf(at -> now - at > refusalMemory.toNanos());
        if (failed.isEmpty()) {
            failedByKey.remove(key);
        }
    }
}
