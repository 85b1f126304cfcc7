package fr.picloud.ops.deadletters.adapter.web;

import fr.picloud.ops.deadletters.application.DeadLetters;
import fr.picloud.ops.deadletters.domain.DeadLetter;
import fr.picloud.ops.deadletters.domain.MessagePosition;
import fr.picloud.ops.deadletters.domain.Replay;
import fr.picloud.platform.domain.InvalidInputException;
import fr.picloud.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Dead-letter topics, their messages with the failure, and audited replays (role {@code ops}). */
@RestController
@RequestMapping("/api/v1/ops/dead-letters")
@PreAuthorize("hasRole('ops')")
class DeadLettersController {

    private final DeadLetters deadLetters;
    private final int defaultLimit;
    private final int previewChars;

    DeadLettersController(
            DeadLetters deadLetters,
            @Value("${picloud.ops.dead-letters.list-limit:100}") int defaultLimit,
            @Value("${picloud.ops.dead-letters.payload-preview-chars:500}") int previewChars) {
        this.deadLetters = deadLetters;
        this.defaultLimit = defaultLimit;
        this.previewChars = previewChars;
    }

    record TopicView(String topic, String originalTopic, long count, List<MessageView> messages) {}

    record MessageView(
            int partition,
            long offset,
            Instant timestamp,
            String key,
            String originalTopic,
            String exceptionMessage,
            String exceptionFqcn,
            String eventId,
            String eventType,
            String payloadPreview,
            List<Replay> replays) {}

    @GetMapping
    @Operation(
            operationId = "listDeadLetters",
            summary =
                    "Every dead-letter topic with its count and latest messages: the failure, the event and a payload preview")
    List<TopicView> list(@RequestParam(required = false) Integer limit) {
        int perTopic = limit == null ? defaultLimit : limit;
        if (perTopic < 0 || perTopic > 1000) {
            throw new InvalidInputException("limit must be between 0 and 1000", List.of());
        }
        return deadLetters.list(perTopic).stream()
                .map(topic -> new TopicView(
                        topic.topic(),
                        topic.originalTopic(),
                        topic.size(),
                        topic.messages().stream()
                                .map(listed -> view(listed.message(), listed.originalTopic(), listed.replays()))
                                .toList()))
                .toList();
    }

    @GetMapping("/replays")
    @Operation(operationId = "listReplays", summary = "The audited replays of dead letters")
    List<Replay> replays(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidInputException("limit must be between 1 and 1000", List.of());
        }
        return deadLetters.replays(limit);
    }

    @PostMapping("/{topic}/{partition}/{offset}/replay")
    @Operation(
            operationId = "replayDeadLetter",
            summary = "Send one dead letter back to its original topic; audited",
            description = "A message already replayed is refused (409) unless again=true.")
    Replay replayOne(
            @PathVariable String topic,
            @PathVariable int partition,
            @PathVariable long offset,
            @RequestParam(defaultValue = "false") boolean again) {
        return deadLetters.replayOne(
                new MessagePosition(topic, partition, offset), CurrentUser.get().subject(), again);
    }

    record ReplayAllResult(String topic, int replayed, List<Replay> replays) {}

    @PostMapping("/{topic}/replay")
    @Operation(
            operationId = "replayDeadLetterTopic",
            summary = "Send every message of a dead-letter topic back to its original topic; audited")
    ReplayAllResult replayAll(@PathVariable String topic) {
        List<Replay> replays = deadLetters.replayAll(topic, CurrentUser.get().subject());
        return new ReplayAllResult(topic, replays.size(), replays);
    }

    private MessageView view(DeadLetter message, String originalTopic, List<Replay> replays) {
        return new MessageView(
                message.partition(),
                message.offset(),
                message.timestamp(),
                message.key(),
                originalTopic,
                message.header(DeadLetter.EXCEPTION_MESSAGE).orElse(null),
                message.header(DeadLetter.EXCEPTION_FQCN).orElse(null),
                message.header("ce_id").orElse(null),
                message.header("ce_type").orElse(null),
                message.payloadPreview(previewChars),
                replays);
    }
}
