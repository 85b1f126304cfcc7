package fr.picloud.portal.services;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * What the ops pages read and do: ops-service's event log, alerts, dead letters and consumer lag, and
 * provisioning-service's operator API on sagas (see their OpenAPI documents). Every call needs the
 * {@code ops} role, which the services check.
 */
public class OpsClient {

    public record Alert(String kind, String orderId, String sagaId, String tenant, Instant since, String detail) {}

    public record Alerts(List<Alert> stuckSagas, List<Alert> compensationFailures) {}

    public record Event(
            UUID eventId,
            Instant time,
            String stage,
            String type,
            String source,
            String subject,
            String tenant,
            String correlationId,
            String topic,
            int partition,
            long offset,
            JsonNode payload) {}

    public record Replay(String replayedBy, Instant replayedAt, String mode, int targetPartition, long targetOffset) {}

    public record DeadLetter(
            int partition,
            long offset,
            Instant timestamp,
            String key,
            String originalTopic,
            String exceptionMessage,
            String eventType,
            String payloadPreview,
            List<Replay> replays) {}

    public record DeadLetterTopic(String topic, String originalTopic, long count, List<DeadLetter> messages) {}

    public record ConsumerLag(String group, String topic, long lag) {}

    public record Saga(
            UUID id,
            UUID orderId,
            String tenant,
            String kind,
            String status,
            boolean stuck,
            String failedStep,
            String reason,
            Instant createdAt,
            Instant deadline,
            Instant finishedAt) {}

    public record Step(
            String name,
            String kind,
            String status,
            int attempts,
            Instant startedAt,
            Long durationMs,
            String lastError) {}

    public record Resource(String kind, String name, String openstackId) {}

    public record SagaDetails(Saga saga, List<Step> steps, List<Resource> remaining) {}

    /** Which events to list: each filter null for all. */
    public record EventFilter(String type, String tenant, String orderId) {}

    private final RestClient ops;
    private final RestClient provisioning;

    OpsClient(RestClient ops, RestClient provisioning) {
        this.ops = ops;
        this.provisioning = provisioning;
    }

    public Alerts alerts() {
        return Problems.raise(ops.get().uri("/api/v1/ops/alerts").retrieve()).body(Alerts.class);
    }

    /** The newest events that pass the filter, newest first. */
    public List<Event> events(EventFilter filter, int limit) {
        return Problems.raise(ops.get()
                        .uri(builder -> {
                            builder.path("/api/v1/ops/events").queryParam("limit", limit);
                            if (filter.type() != null) {
                                builder.queryParam("type", filter.type());
                            }
                            if (filter.tenant() != null) {
                                builder.queryParam("tenant", filter.tenant());
                            }
                            if (filter.orderId() != null) {
                                builder.queryParam("orderId", filter.orderId());
                            }
                            return builder.build();
                        })
                        .retrieve())
                .body(new ParameterizedTypeReference<List<Event>>() {});
    }

    /** Every event of one order, across the services, oldest first. */
    public List<Event> timeline(UUID orderId) {
        return Problems.raise(ops.get()
                        .uri("/api/v1/ops/orders/{id}/timeline", orderId)
                        .retrieve())
                .body(new ParameterizedTypeReference<List<Event>>() {});
    }

    public List<DeadLetterTopic> deadLetters(int perTopic) {
        return Problems.raise(ops.get()
                        .uri("/api/v1/ops/dead-letters?limit={limit}", perTopic)
                        .retrieve())
                .body(new ParameterizedTypeReference<List<DeadLetterTopic>>() {});
    }

    /** Publishes a dead-lettered record again to the topic it came from; {@code again} for one replayed before. */
    public void replay(String topic, int partition, long offset, boolean again) {
        Problems.raise(ops.post()
                        .uri(
                                "/api/v1/ops/dead-letters/{topic}/{partition}/{offset}/replay?again={again}",
                                topic,
                                partition,
                                offset,
                                again)
                        .retrieve())
                .toBodilessEntity();
    }

    public List<ConsumerLag> consumers() {
        return Problems.raise(ops.get().uri("/api/v1/ops/consumers").retrieve())
                .body(new ParameterizedTypeReference<List<ConsumerLag>>() {});
    }

    /** Sagas in a state ({@code null} for any), or only the stuck ones. */
    public List<Saga> sagas(String state, boolean stuck, int limit) {
        return Problems.raise(provisioning
                        .get()
                        .uri(builder -> {
                            builder.path("/api/v1/sagas")
                                    .queryParam("limit", limit)
                                    .queryParam("stuck", stuck);
                            if (state != null) {
                                builder.queryParam("state", state);
                            }
                            return builder.build();
                        })
                        .retrieve())
                .body(new ParameterizedTypeReference<List<Saga>>() {});
    }

    public SagaDetails saga(UUID id) {
        return Problems.raise(provisioning.get().uri("/api/v1/sagas/{id}", id).retrieve())
                .body(SagaDetails.class);
    }

    /** Runs a failed saga again from the step that failed. */
    public SagaDetails retry(UUID id) {
        return Problems.raise(
                        provisioning.post().uri("/api/v1/sagas/{id}/retry", id).retrieve())
                .body(SagaDetails.class);
    }

    /** Undoes what a saga built, whatever state it is in. */
    public SagaDetails compensate(UUID id) {
        return Problems.raise(provisioning
                        .post()
                        .uri("/api/v1/sagas/{id}/compensate", id)
                        .retrieve())
                .body(SagaDetails.class);
    }
}
