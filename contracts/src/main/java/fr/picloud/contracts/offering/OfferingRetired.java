package fr.picloud.contracts.offering;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.Objects;

/** An offering is gone: nothing can be ordered from it any more. */
@MessageType(type = "picloud.catalog.offering-retired", version = 1, topic = Topics.CATALOG_OFFERINGS)
public record OfferingRetired(OfferingState offering) implements OfferingEvent {

    public OfferingRetired {
        Objects.requireNonNull(offering, "offering");
    }
}
