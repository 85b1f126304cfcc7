package fr.picloud.contracts.offering;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.Objects;

/** An offering became orderable. */
@MessageType(type = "picloud.catalog.offering-published", version = 1, topic = Topics.CATALOG_OFFERINGS)
public record OfferingPublished(OfferingState offering) implements OfferingEvent {

    public OfferingPublished {
        Objects.requireNonNull(offering, "offering");
    }
}
