package fr.picloud.order.offering.domain;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * order-service's copy of a catalogue offering, kept from the catalogue's event stream so an order
 * never needs a synchronous call to catalog-service.
 */
public record ReplicatedOffering(
        UUID offeringId,
        long revision,
        String code,
        String nameFr,
        String nameEn,
        String category,
        String provider,
        String status) {

    public ReplicatedOffering {
        Objects.requireNonNull(offeringId, "offeringId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(status, "status");
    }

    /**
     * Whether this state should replace what the replica holds: only a newer revision does, so a
     * late or replayed event never rolls the replica back.
     */
    public boolean supersedes(Optional<ReplicatedOffering> held) {
        return held.map(current -> revision > current.revision()).orElse(true);
    }

    public boolean orderable() {
        return "PUBLISHED".equals(status);
    }
}
