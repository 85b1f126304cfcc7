package fr.picloud.catalog.offering.application;

import fr.picloud.catalog.offering.domain.Offering;
import fr.picloud.catalog.offering.domain.OfferingDetails;
import fr.picloud.catalog.offering.domain.OfferingStatus;
import fr.picloud.contracts.offering.OfferingEvent;
import fr.picloud.contracts.offering.PriceList;
import fr.picloud.contracts.offering.PriceUnit;
import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.platform.domain.InvalidInputException;
import fr.picloud.platform.domain.InvalidInputException.Violation;
import fr.picloud.platform.domain.NotFoundException;
import fr.picloud.platform.domain.RuleViolationException;
import fr.picloud.platform.messaging.EventPublisher;
import fr.picloud.pricing.Footprint;
import fr.picloud.pricing.PricingCalculator;
import fr.picloud.pricing.PricingException;
import fr.picloud.pricing.QuantityCeilings;
import fr.picloud.pricing.TemplateBinder;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
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
    private final QuantityCeilings ceilings;
    private final Clock clock;

    public OfferingService(
            OfferingRepository offerings,
            ParameterSchemas schemas,
            EventPublisher events,
            QuantityCeilings ceilings,
            Clock clock) {
        this.offerings = offerings;
        this.schemas = schemas;
        this.events = events;
        this.ceilings = ceilings;
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

    /**
     * An offering as its reader may see it: a DRAFT is not found by whoever does not manage the
     * catalogue, whether read or quoted.
     */
    @Transactional(readOnly = true)
    public Offering read(UUID id, boolean mayReadDrafts) {
        Offering offering = get(id);
        if (offering.status() == OfferingStatus.DRAFT && !mayReadDrafts) {
            throw new NotFoundException("no offering " + id);
        }
        return offering;
    }

    /**
     * The monthly estimate of an order of this offering with these parameters, at today's prices,
     * within the platform's {@link QuantityCeilings}.
     */
    @Transactional(readOnly = true)
    public PricingCalculator.Quote quote(UUID id, Map<String, Object> parameters, boolean mayReadDrafts) {
        Offering offering = read(id, mayReadDrafts);
        List<Violation> violations = schemas.violations(
                offering.id(), offering.revision(), offering.details().parameterSchema(), parameters);
        if (!violations.isEmpty()) {
            throw new InvalidInputException("the parameters do not satisfy the offering's schema", violations);
        }
        PriceList prices = offering.priceInForce(today())
                .orElseThrow(() -> new RuleViolationException(
                        "offering " + offering.details().code() + " has no price in force today", "offeringId"));
        try {
            Footprint footprint = Footprint.of(offering.details().resourceTemplate(), parameters, ceilings);
            return PricingCalculator.monthlyQuote(prices, footprint);
        } catch (PricingException e) {
            throw new InvalidInputException(
                    "the parameters cannot be priced", List.of(new Violation(e.field(), e.getMessage())));
        }
    }

    /**
     * Works out again, and stores, the reference price of up to {@code limit} offerings whose later
     * price list is in force today; safe on every instance at once (each takes rows no other holds).
     *
     * @return how many it stored: fewer than {@code limit} when none is left
     */
    @Transactional
    public int rollReferencePrices(int limit) {
        List<UUID> due = offerings.lockPriceChangesDue(today(), limit);
        for (UUID id : due) {
            offerings.find(id).ifPresent(offerings::save);
        }
        return due.size();
    }

    /**
     * An offering's schema must be a JSON Schema, and its template may only refer to parameters the
     * schema defines: otherwise an order could pass validation and still not be buildable.
     */
    void checkConsistency(OfferingDetails details) {
        List<Violation> problems = new ArrayList<>(schemas.problemsOfSchema(details.parameterSchema()));
        Map<?, ?> properties = details.parameterSchema().get("properties") instanceof Map<?, ?> map ? map : Map.of();
        for (String parameter : TemplateBinder.referencedParameters(details.resourceTemplate())) {
            if (!properties.containsKey(parameter)) {
                problems.add(new Violation(
                        "resourceTemplate",
                        "refers to parameter ${" + parameter + "}, which the parameter schema does not define"));
            }
        }
        for (String parameter : pricedParameters(details.resourceTemplate())) {
            if (properties.get(parameter) instanceof Map<?, ?> property && !bounded(property)) {
                problems.add(new Violation(
                        "parameterSchema.properties." + parameter,
                        "the template prices ${" + parameter + "} (a count or a volume size): its schema needs a"
                                + " maximum, an enum or a const"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(
                    "the offering's parameter schema or resource template is invalid", problems);
        }
    }

    /** The parameters a template binds into the footprint: every count, and the size of a volume. */
    private static Set<String> pricedParameters(ResourceTemplate template) {
        Set<String> priced = new LinkedHashSet<>();
        for (ResourceTemplate.Resource resource : template.resources()) {
            TemplateBinder.placeholder(resource.count()).ifPresent(priced::add);
            if (ResourceKind.VOLUME.wireName().equals(resource.kind()) && resource.properties() != null) {
                TemplateBinder.placeholder(resource.properties().get("sizeGb")).ifPresent(priced::add);
            }
        }
        return priced;
    }

    private static boolean bounded(Map<?, ?> property) {
        return property.get("maximum") instanceof Number
                || property.get("exclusiveMaximum") instanceof Number
                || property.get("enum") instanceof List<?>
                || property.containsKey("const");
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
