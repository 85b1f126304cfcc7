package fr.picloud.ops.deadletters.domain;

import java.time.Instant;

/**
 * One replay of a dead-lettered message, as audited: who, when, which message, and where its copy went.
 *
 * @param mode {@code one} (that message asked for) or {@code all} (part of replaying a whole topic)
 */
public record Replay(
        MessagePosition message,
        String originalTopic,
        String eventId,
        String eventType,
        String replayedBy,
        Instant replayedAt,
        String mode,
        int targetPartition,
        long targetOffset) {}
