package fr.picloud.contracts.offering;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.Objects;

/** An offering can no longer be newly ordered; running services stay billable. */
@MessageType(type = "picloud.catalog.offering-deprecated", version = 1, topic = Topics.CATALOG_OFFERINGS)
public record OfferingDeprecated(OfferingState offering) implements OfferingEvent {

    public OfferingDeprecated {
        Objects.requireNonNull(offering, "offering");
    }
}
