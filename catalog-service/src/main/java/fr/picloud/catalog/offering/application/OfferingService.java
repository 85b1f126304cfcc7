package fr.picloud.catalog.offering.application;

import fr.picloud.catalog.offering.domain.Offering;
import fr.picloud.catalog.offering.domain.OfferingDetails;
import fr.picloud.contracts.offering.OfferingEvent;
import fr.picloud.contracts.offering.PriceList;
import fr.picloud.contracts.offering.PriceUnit;
import fr.picloud.platform.domain.InvalidInputException;
import fr.picloud.platform.domain.InvalidInputException.Violation;
import fr.picloud.platform.domain.NotFoundException;
import fr.picloud.platform.domain.RuleViolationException;
import fr.picloud.platform.messaging.EventPublisher;
import fr.picloud.pricing.Footprint;
import fr.picloud.pricing.PricingCalculator;
import fr.picloud.pricing.PricingException;
import fr.picloud.pricing.TemplateBinder;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The catalogue's use cases; each commits the offering and the event it causes together. */
@Service
public class OfferingService {

    private final OfferingRepository offerings;
    private final ParameterSchemas schemas;
    private final EventPublisher events;
    private final Clock clock;

    public OfferingService(OfferingRepository offerings, ParameterSchemas schemas, EventPublisher events, Clock clock) {
        this.offerings = offerings;
        this.schemas = schemas;
        this.events = events;
        this.clock = clock;
    }

    /** A new draft with, when given, its first prices in force from today: both or nothing. */
    @Transactional
    public Offering createDraft(OfferingDetails details, Map<PriceUnit, BigDecimal> rates, Actor actor) {
        Offering offering = createDraft(details, actor);
        if (rates != null && !rates.isEmpty()) {
            offering.changePrices(rates, today(), today());
            offerings.save(offering);
        }
        return offering;
    }

    @Transactional
    public Offering createDraft(OfferingDetails details, Actor actor) {
        requireMayManage(actor, details.provider().id());
        checkConsistency(details);
        if (offerings.findByCode(details.code()).isPresent()) {
            throw new RuleViolationException("an offering with code " + details.code() + " already exists", "code");
        }
        Offering offering = Offering.draft(details);
        offerings.add(offering);
        return offering;
    }

    @Transactional
    public Offering updateDraft(UUID id, OfferingDetails details, Actor actor) {
        Offering offering = managed(id, actor);
        requireMayManage(actor, details.provider().id());
        checkConsistency(details);
        offering.updateDraft(details);
        offerings.save(offering);
        return offering;
    }

    @Transactional(readOnly = true)
    public Offering get(UUID id) {
        return offerings.find(id).orElseThrow(() -> new NotFoundException("no offering " + id));
    }

    @Transactional
    public Offering publish(UUID id, Actor actor) {
        Offering offering = managed(id, actor);
        return saveAndPublish(offering, offering.publish(today()));
    }

    @Transactional
    public Offering deprecate(UUID id, Actor actor) {
        Offering offering = managed(id, actor);
        return saveAndPublish(offering, offering.deprecate());
    }

    @Transactional
    public Offering retire(UUID id, Actor actor) {
        Offering offering = managed(id, actor);
        return saveAndPublish(offering, offering.retire());
    }

    @Transactional
    public Offering changePrices(UUID id, Map<PriceUnit, BigDecimal> rates, LocalDate effectiveFrom, Actor actor) {
        Offering offering = managed(id, actor);
        Optional<OfferingEvent> event = offering.changePrices(rates, effectiveFrom, today());
        offerings.save(offering);
        event.ifPresent(changed -> events.publish(changed, null));
        return offering;
    }

    /** The monthly estimate of an order of this offering with these parameters, at today's prices. */
    @Transactional(readOnly = true)
    public PricingCalculator.Quote quote(UUID id, Map<String, Object> parameters) {
        Offering offering = get(id);
        List<Violation> violations = schemas.violations(offering.details().parameterSchema(), parameters);
        if (!violations.isEmpty()) {
            throw new InvalidInputException("the parameters do not satisfy the offering's schema", violations);
        }
        PriceList prices = offering.priceInForce(today())
                .orElseThrow(() -> new RuleViolationException(
                        "offering " + offering.details().code() + " has no price in force today", "offeringId"));
        try {
            Footprint footprint =
                    Footprint.of(TemplateBinder.bind(offering.details().resourceTemplate(), parameters));
            return PricingCalculator.monthlyQuote(prices, footprint);
        } catch (PricingException e) {
            throw new RuleViolationException(e.getMessage(), "parameters");
        }
    }

    /**
     * An offering's schema must be a JSON Schema, and its template may only refer to parameters the
     * schema defines: otherwise an order could pass validation and still not be buildable.
     */
    void checkConsistency(OfferingDetails details) {
        List<Violation> problems = new ArrayList<>(schemas.problemsOfSchema(details.parameterSchema()));
        Object properties = details.parameterSchema().get("properties");
        Set<?> defined = properties instanceof Map<?, ?> map ? map.keySet() : Set.of();
        for (String parameter : TemplateBinder.referencedParameters(details.resourceTemplate())) {
            if (!defined.contains(parameter)) {
                problems.add(new Violation(
                        "resourceTemplate",
                        "refers to parameter ${" + parameter + "}, which the parameter schema does not define"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(
                    "the offering's parameter schema or resource template is invalid", problems);
        }
    }

    private Offering managed(UUID id, Actor actor) {
        Offering offering = get(id);
        requireMayManage(actor, offering.details().provider().id());
        return offering;
    }

    private static void requireMayManage(Actor actor, String providerId) {
        if (!actor.mayManage(providerId)) {
            throw new AccessDeniedException("you manage only the offerings of provider " + actor.providerScope());
        }
    }

    private Offering saveAndPublish(Offering offering, OfferingEvent event) {
        offerings.save(offering);
        events.publish(event, null);
        return offering;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
