package fr.picloud.ops.deadletters.application;

import fr.picloud.contracts.Topics;
import fr.picloud.ops.deadletters.domain.DeadLetter;
import fr.picloud.ops.deadletters.domain.MessagePosition;
import fr.picloud.ops.deadletters.domain.Replay;
import fr.picloud.platform.domain.IllegalTransitionException;
import fr.picloud.platform.domain.NotFoundException;
import fr.picloud.platform.domain.RuleViolationException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Dead-lettered messages: listed with their failure, replayed to their original topic after a fix,
 * every replay audited. "Replay all" skips what was already replayed, so a message replayed once is
 * not sent again by it; the consumers' inboxes (by event id) make even a second copy harmless.
 * Replays of one dead-letter topic are serialised (a database lock), so two operators replaying at
 * once do not both send the same message.
 */
@Service
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    public static final String MODE_ONE = "one";
    public static final String MODE_ALL = "all";

    private final DeadLetterTopics topics;
    private final ReplayAudit audit;
    private final Clock clock;
    private final int replayAllLimit;
    private final MultiGauge sizeGauge;
    private final List<String> knownTopics =
            Topics.ALL.stream().map(Topics.Definition::name).toList();

    public DeadLetters(
            DeadLetterTopics topics,
            ReplayAudit audit,
            Clock clock,
            MeterRegistry meters,
            @Value("${picloud.ops.dead-letters.replay-all-limit:10000}") int replayAllLimit) {
        this.topics = topics;
        this.audit = audit;
        this.clock = clock;
        this.replayAllLimit = replayAllLimit;
        this.sizeGauge = MultiGauge.builder("picloud.dlq.size")
                .description("records held by a dead-letter topic (replayed ones included: the topic keeps them)")
                .register(meters);
    }

    public record TopicContent(String topic, String originalTopic, long size, List<Listed> messages) {}

    public record Listed(DeadLetter message, String originalTopic, List<Replay> replays) {}

    public List<TopicContent> list(int limit) {
        List<String> names = topics.names();
        Map<String, Long> sizes = updateSizes(names);
        List<TopicContent> contents = new ArrayList<>();
        for (String topic : names) {
            List<Listed> messages = topics.newest(topic, limit).stream()
                    .map(message -> new Listed(
                            message,
                            message.originalTopic(knownTopics).orElse(null),
                            audit.replaysOf(message.position())))
                    .toList();
            contents.add(new TopicContent(
                    topic,
                    DeadLetter.originalTopicOf(topic, knownTopics).orElse(null),
                    sizes.getOrDefault(topic, 0L),
                    messages));
        }
        return contents;
    }

    @Transactional
    public Replay replayOne(MessagePosition position, String actor, boolean again) {
        requireDeadLetterTopic(position.topic());
        DeadLetter message = topics.at(position)
                .orElseThrow(() -> new NotFoundException("no message at offset " + position.offset() + " of partition "
                        + position.partition() + " of " + position.topic()));
        audit.lockTopic(position.topic());
        List<Replay> earlier = audit.replaysOf(position);
        if (!earlier.isEmpty() && !again) {
            Replay last = earlier.getLast();
            throw new IllegalTransitionException("this message was already replayed by " + last.replayedBy() + " at "
                    + last.replayedAt() + "; add again=true to send it once more");
        }
        return replay(message, actor, MODE_ONE);
    }

    @Transactional
    public List<Replay> replayAll(String topic, String actor) {
        requireDeadLetterTopic(topic);
        audit.lockTopic(topic);
        Set<MessagePosition> replayed = audit.replayedIn(topic);
        List<Replay> replays = new ArrayList<>();
        for (DeadLetter message : topics.all(topic, replayAllLimit)) {
            if (!replayed.contains(message.position())) {
                replays.add(replay(message, actor, MODE_ALL));
            }
        }
        log.info("{} replayed {} messages of {}", actor, replays.size(), topic);
        return replays;
    }

    public List<Replay> replays(int limit) {
        return audit.latest(limit);
    }

    @Scheduled(
            fixedDelayString = "${picloud.ops.kafka.refresh-interval:PT15S}",
            initialDelayString = "${picloud.ops.kafka.refresh-interval:PT15S}")
    void refreshSizes() {
        try {
            updateSizes(topics.names());
        } catch (RuntimeException e) {
            log.warn("could not read the dead-letter topics' sizes: {}", e.getMessage());
        }
    }

    private Map<String, Long> updateSizes(List<String> names) {
        Map<String, Long> sizes = topics.sizes(names);
        sizeGauge.register(
                sizes.entrySet().stream()
                        .map(size -> MultiGauge.Row.of(Tags.of("topic", size.getKey()), size.getValue()))
                        .toList(),
                true);
        return sizes;
    }

    private Replay replay(DeadLetter message, String actor, String mode) {
        String target = message.originalTopic(knownTopics)
                .orElseThrow(() -> new RuleViolationException(
                        "cannot tell the original topic of " + message.position()
                                + ": its dead-letter topic's name encodes no platform topic",
                        null));
        MessagePosition copy = topics.republish(message, target);
        Replay replay = new Replay(
                message.position(),
                target,
                message.header("ce_id").orElse(null),
                message.header("ce_type").orElse(null),
                actor,
                clock.instant(),
                mode,
                copy.partition(),
                copy.offset());
        audit.record(replay);
        log.info(
                "{} replayed {} ({}) from {} to {}",
                actor,
                replay.eventId(),
                replay.eventType(),
                message.position(),
                copy);
        return replay;
    }

    private void requireDeadLetterTopic(String topic) {
        if (!topics.names().contains(topic)) {
            throw new NotFoundException("no dead-letter topic " + topic);
        }
    }
}
