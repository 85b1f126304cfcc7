package fr.picloud.ops.deadletters.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A record a consumer group could not process, as the binder parked it on {@code error.<topic>.<group>}:
 * the original key, value and headers, plus the failure in {@code x-exception-*} headers and where it
 * came from in {@code x-original-*} headers.
 */
public record DeadLetter(
        String topic, int partition, long offset, String key, Instant timestamp, byte[] value, List<Header> headers) {

    public static final String EXCEPTION_MESSAGE = "x-exception-message";
    public static final String EXCEPTION_FQCN = "x-exception-fqcn";
    private static final String DEAD_LETTER_PREFIX = "error.";
    private static final List<String> TRACE_CONTEXT = List.of("traceparent", "tracestate", "b3", "baggage");

    public record Header(String name, byte[] value) {

        public String text() {
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }
    }

    public DeadLetter {
        Objects.requireNonNull(topic, "topic");
        headers = List.copyOf(headers);
    }

    public Optional<String> header(String name) {
        String found = null;
        for (Header header : headers) {
            if (header.name().equals(name)) {
                found = header.text();
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Where the record was first published: the longest known topic that the dead-letter topic's name
     * ({@code error.<topic>.<group>}) starts with. The binder's {@code x-original-topic} header is not
     * believed: anyone who can write to a dead-letter topic can set it, and a replay would then carry
     * their record, under ops' name, to a topic they may not write (the order requests, say).
     */
    public Optional<String> originalTopic(List<String> knownTopics) {
        return originalTopicOf(topic, knownTopics);
    }

    /** The known topic a dead-letter topic's name encodes, the longest if several match. */
    public static Optional<String> originalTopicOf(String deadLetterTopic, List<String> knownTopics) {
        return knownTopics.stream()
                .filter(known -> deadLetterTopic.startsWith(DEAD_LETTER_PREFIX + known + "."))
                .max((left, right) -> Integer.compare(left.length(), right.length()));
    }

    /**
     * The headers a replay carries: the original ones ({@code ce_*} above all), without what the
     * dead-lettering added ({@code x-exception-*}, {@code x-original-*}): replayed, the record is again
     * what its producer sent. The old trace context is left out too: the replay is a new act, traced
     * on its own from the operator's request (the event's correlation id still ties it to its order).
     */
    public List<Header> replayHeaders() {
        return headers.stream()
                .filter(header -> !header.name().startsWith("x-exception-")
                        && !header.name().startsWith("x-original-")
                        && !TRACE_CONTEXT.contains(header.name()))
                .toList();
    }

    public String payloadPreview(int maxChars) {
        if (value == null) {
            return null;
        }
        String text = new String(value, StandardCharsets.UTF_8);
        return text.length() <= maxChars ? text : text.substring(0, maxChars) + "…";
    }

    public MessagePosition position() {
        return new MessagePosition(topic, partition, offset);
    }
}
