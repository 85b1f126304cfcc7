package fr.picloud.contracts.offering;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.Objects;

/** An offering had its description, schema, template or tags changed. */
@MessageType(type = "picloud.catalog.offering-updated", version = 1, topic = Topics.CATALOG_OFFERINGS)
public record OfferingUpdated(OfferingState offering) implements OfferingEvent {

    public OfferingUpdated {
        Objects.requireNonNull(offering, "offering");
    }
}
