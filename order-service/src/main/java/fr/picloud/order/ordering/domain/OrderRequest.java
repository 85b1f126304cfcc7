package fr.picloud.order.ordering.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What an agent asks for: an offering, its parameters, the cost centre to charge and why, and when
 * the order should end (null: no end date, unless the offering requires one).
 */
public record OrderRequest(
        UUID offeringId, Map<String, Object> parameters, String costCenter, String justification, Instant endsAt) {

    /** A request without an end date. */
    public OrderRequest(UUID offeringId, Map<String, Object> parameters, String costCenter, String justification) {
        this(offeringId, parameters, costCenter, justification, null);
    }

    public OrderRequest {
        Objects.requireNonNull(offeringId, "offeringId");
        Objects.requireNonNull(costCenter, "costCenter");
        parameters = Objects.requireNonNullElse(parameters, Map.of());
        // to the second, as the database and every message keep it
        endsAt = endsAt == null ? null : endsAt.truncatedTo(ChronoUnit.SECONDS);
    }
}
