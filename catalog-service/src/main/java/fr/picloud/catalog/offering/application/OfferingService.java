package fr.picloud.catalog.offering.application;

import fr.picloud.catalog.offering.domain.Offering;
import fr.picloud.catalog.offering.domain.OfferingCategory;
import fr.picloud.contracts.LocalizedText;
import fr.picloud.platform.domain.NotFoundException;
import fr.picloud.platform.domain.RuleViolationException;
import fr.picloud.platform.messaging.EventPublisher;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The catalogue's use cases; each one commits the offering and its events together. */
@Service
public class OfferingService {

    private final OfferingRepository offerings;
    private final EventPublisher events;

    public OfferingService(OfferingRepository offerings, EventPublisher events) {
        this.offerings = offerings;
        this.events = events;
    }

    @Transactional
    public Offering createDraft(String code, LocalizedText name, OfferingCategory category, String provider) {
        if (offerings.existsByCode(code)) {
            throw new RuleViolationException("an offering with code " + code + " already exists", "code");
        }
        Offering offering = Offering.draft(code, name, category, provider);
        offerings.save(offering);
        return offering;
    }

    @Transactional(readOnly = true)
    public Offering get(UUID id) {
        return offerings.find(id).orElseThrow(() -> new NotFoundException("no offering " + id));
    }

    @Transactional
    public Offering publish(UUID id) {
        Offering offering = get(id);
        var published = offering.publish();
        offerings.save(offering);
        events.publish(published, null);
        return offering;
    }
}
