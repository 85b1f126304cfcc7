package fr.picloud.ops.events.application;

import fr.picloud.ops.events.domain.EventFilter;
import fr.picloud.ops.events.domain.PlatformEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The stored events, each once (by event id), kept for the configured retention. */
public interface EventLog {

    /** Stores the events not stored yet and returns them, in the given order; the others are redeliveries. */
    List<PlatformEvent> recordNew(List<PlatformEvent> events);

    /** Everything correlated to (caused by) this id, or about it as subject, oldest first. */
    List<PlatformEvent> correlatedTo(String correlationId);

    /** Events about one aggregate (the subject) that happened up to a moment, oldest first. */
    List<PlatformEvent> aboutSubject(String subject, Instant upTo);

    /** The newest events that match, newest first. */
    List<PlatformEvent> latest(EventFilter filter, int limit);

    /** Events of a type, oldest first (the alerts read saga starts and ends with it). */
    List<PlatformEvent> ofTypes(List<String> types, Instant since);

    /** How many correlation ids (orders) have each of these types as their last event among these types. */
    Map<String, Long> countByLastType(List<String> types);

    int deleteOlderThan(Instant cutoff);
}
