package fr.picloud.contracts.catalog;

import fr.picloud.contracts.Event;
import fr.picloud.contracts.LocalizedText;
import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.Objects;
import java.util.UUID;

/**
 * An offering became orderable. It carries the offering's full current state, so the compacted
 * catalogue topic alone is enough to rebuild a replica.
 *
 * @param revision grows with every change of the offering; a replica ignores a revision older than
 *     the one it holds, so a late redelivery never rolls it back
 */
@MessageType(type = "picloud.catalog.offering-published", version = 1, topic = Topics.CATALOG_OFFERINGS)
public record OfferingPublished(
        UUID offeringId,
        long revision,
        String code,
        LocalizedText name,
        String category,
        String provider,
        String status)
        implements Event {

    public OfferingPublished {
        Objects.requireNonNull(offeringId, "offeringId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(status, "status");
    }

    @Override
    public String aggregateId() {
        return offeringId.toString();
    }
}
