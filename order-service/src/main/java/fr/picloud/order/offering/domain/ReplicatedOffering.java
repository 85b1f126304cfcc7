package fr.picloud.order.offering.domain;

import fr.picloud.contracts.offering.OfferingState;
import java.util.Objects;
import java.util.Optional;

/**
 * order-service's copy of a catalogue offering (its full state: schema, template, prices), kept
 * from the catalogue's event stream so an order never needs a synchronous call to catalog-service.
 */
public record ReplicatedOffering(OfferingState state) {

    public ReplicatedOffering {
        Objects.requireNonNull(state, "state");
    }

    /**
     * Whether this state should replace what the replica holds: only a newer revision does, so a
     * late or replayed event never rolls the replica back.
     */
    public boolean supersedes(Optional<ReplicatedOffering> held) {
        return held.map(current -> state.revision() > current.state().revision())
                .orElse(true);
    }

    /** Only a PUBLISHED offering can be newly ordered. */
    public boolean orderable() {
        return "PUBLISHED".equals(state.status());
    }
}
