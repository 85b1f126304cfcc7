package fr.picloud.ops.deadletters.application;

import fr.picloud.ops.deadletters.domain.MessagePosition;
import fr.picloud.ops.deadletters.domain.Replay;
import java.util.List;
import java.util.Set;

/** Every replay, kept for good: who replayed which dead-lettered message, when, and where it went. */
public interface ReplayAudit {

    /** Holds off other replays of this dead-letter topic until the current transaction ends. */
    void lockTopic(String deadLetterTopic);

    Set<MessagePosition> replayedIn(String deadLetterTopic);

    List<Replay> replaysOf(MessagePosition message);

    void record(Replay replay);

    /** The newest replays, newest first. */
    List<Replay> latest(int limit);
}
