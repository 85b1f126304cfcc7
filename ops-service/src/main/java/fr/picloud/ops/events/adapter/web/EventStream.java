package fr.picloud.ops.events.adapter.web;

import fr.picloud.ops.events.application.LiveEvents;
import fr.picloud.ops.events.domain.EventFilter;
import fr.picloud.ops.events.domain.PlatformEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * One live stream: ingestion drops matching events into a bounded queue, and a virtual thread of the
 * stream's own writes them to the client, so a slow client never holds ingestion back. When the
 * queue is full the client is too slow: the stream ends (an EventSource reconnects).
 */
final class EventStream {

    static final int QUEUE_CAPACITY = 1_000;

    private final SseEmitter emitter;
    private final BlockingQueue<PlatformEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final JsonMapper json;
    private final Duration heartbeat;
    private volatile Thread writer;

    private EventStream(SseEmitter emitter, JsonMapper json, Duration heartbeat) {
        this.emitter = emitter;
        this.json = json;
        this.heartbeat = heartbeat;
    }

    static SseEmitter open(LiveEvents live, EventFilter filter, JsonMapper json, Duration timeout, Duration heartbeat) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        EventStream stream = new EventStream(emitter, json, heartbeat);
        LiveEvents.Subscription subscription = live.subscribe(filter, stream::offer, stream::end);
        Runnable close = () -> {
            stream.open.set(false);
            subscription.close();
        };
        emitter.onCompletion(close);
        emitter.onTimeout(close);
        emitter.onError(error -> close.run());
        try {
            // sent before the handler returns, so it goes out as the response starts whatever the stream's thread does
            emitter.send(SseEmitter.event().comment("connected"));
        } catch (IOException e) {
            close.run();
            emitter.completeWithError(e);
            return emitter;
        }
        stream.writer = Thread.ofVirtual().name("ops-event-stream").start(() -> stream.run(close));
        return emitter;
    }

    private void offer(PlatformEvent event) {
        if (open.get() && !queue.offer(event)) {
            open.set(false);
        }
    }

    /** The service stops: the stream completes now rather than at its next heartbeat. */
    private void end() {
        open.set(false);
        Thread thread = writer;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run(Runnable close) {
        try {
            while (open.get()) {
                PlatformEvent event = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                } else {
                    emitter.send(SseEmitter.event()
                            .id(event.eventId().toString())
                            .name(event.type())
                            .data(EventView.of(event, json), MediaType.APPLICATION_JSON));
                }
            }
            emitter.complete();
        } catch (IOException | IllegalStateException e) {
            // the client went away, or the emitter timed out: nothing more to send
            emitter.completeWithError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        } finally {
            close.run();
        }
    }
}
