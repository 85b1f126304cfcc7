package fr.picloud.contracts.offering;

import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.Objects;

/** An offering got a new price version. */
@MessageType(type = "picloud.catalog.offering-price-changed", version = 1, topic = Topics.CATALOG_OFFERINGS)
public record OfferingPriceChanged(OfferingState offering) implements OfferingEvent {

    public OfferingPriceChanged {
        Objects.requireNonNull(offering, "offering");
    }
}
