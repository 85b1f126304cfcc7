package fr.picloud.ops.events.application;

import fr.picloud.ops.events.domain.PlatformEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.stereotype.Service;

/** Stores what the topics deliver, once per event, then shows the new ones on the live streams. */
@Service
public class EventIngestion {

    private final EventLog log;
    private final LiveEvents live;
    private final MeterRegistry meters;

    public EventIngestion(EventLog log, LiveEvents live, MeterRegistry meters) {
        this.log = log;
        this.live = live;
        this.meters = meters;
    }

    public void ingest(List<PlatformEvent> events) {
        List<PlatformEvent> fresh = log.recordNew(events);
        fresh.forEach(event -> meters.counter("picloud.ops.events.seen", "topic", event.topic(), "type", event.type())
                .increment());
        live.publish(fresh);
    }
}
