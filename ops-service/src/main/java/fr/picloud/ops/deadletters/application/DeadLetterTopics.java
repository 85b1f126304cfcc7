package fr.picloud.ops.deadletters.application;

import fr.picloud.ops.deadletters.domain.DeadLetter;
import fr.picloud.ops.deadletters.domain.MessagePosition;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The dead-letter topics on the broker, read without a consumer group, and the way back to an original topic. */
public interface DeadLetterTopics {

    /** Every topic whose name starts with the dead-letter prefix, sorted. */
    List<String> names();

    /** Records each topic holds (retained ones: end minus start offsets, summed over partitions). */
    Map<String, Long> sizes(List<String> topics);

    /** The newest records of a topic, at most {@code limit}, newest first. */
    List<DeadLetter> newest(String topic, int limit);

    /** Every retained record of a topic, oldest first per partition, at most {@code limit}. */
    List<DeadLetter> all(String topic, int limit);

    Optional<DeadLetter> at(MessagePosition position);

    /** Publishes the record's key, value and replay headers to {@code topic}; returns where the copy went. */
    MessagePosition republish(DeadLetter deadLetter, String topic);
}
