package fr.picloud.order.ordering.domain;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** What an agent asks for: an offering, its parameters, the cost centre to charge and why. */
public record OrderRequest(UUID offeringId, Map<String, Object> parameters, String costCenter, String justification) {

    public OrderRequest {
        Objects.requireNonNull(offeringId, "offeringId");
        Objects.requireNonNull(costCenter, "costCenter");
        parameters = Objects.requireNonNullElse(parameters, Map.of());
    }
}
