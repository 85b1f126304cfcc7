package fr.picloud.catalog.offering.application;

import fr.picloud.catalog.offering.domain.Offering;
import fr.picloud.catalog.offering.domain.OfferingStatus;
import fr.picloud.contracts.offering.OfferingEvent;
import fr.picloud.contracts.offering.PriceList;
import fr.picloud.platform.domain.DomainException;
import fr.picloud.platform.domain.InvalidInputException;
import fr.picloud.platform.domain.InvalidInputException.Violation;
import fr.picloud.platform.messaging.EventPublisher;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads a provider feed. Each row commits on its own (a bad row never undoes a good one) and is
 * idempotent: a row equal to what the catalogue holds changes nothing and publishes nothing, so the
 * same feed loaded twice reports everything unchanged.
 */
@Service
public class OfferingImport {

    /** At most this many row errors are listed; the counts are always complete. */
    public static final int MAX_LISTED_ERRORS = 1_000;

    public record RowError(long row, String code, String field, String message) {}

    public record Report(long created, long updated, long unchanged, long rejected, List<RowError> errors) {}

    private enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    private final OfferingRepository offerings;
    private final OfferingService service;
    private final EventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public OfferingImport(
            OfferingRepository offerings,
            OfferingService service,
            EventPublisher events,
            TransactionTemplate transaction,
            Clock clock) {
        this.offerings = offerings;
        this.service = service;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Reads rows from {@code feed} (which calls back once per row) and loads each. */
    public Report load(Consumer<Consumer<FeedRow>> feed, Actor actor) {
        long[] counts = new long[4];
        List<RowError> errors = new ArrayList<>();
        feed.accept(row -> {
            List<Violation> problems = row.unreadable();
            if (problems.isEmpty()) {
                try {
                    Outcome outcome = transaction.execute(status -> loadRow(row, actor));
                    counts[outcome.ordinal()]++;
                    return;
                } catch (InvalidInputException e) {
                    problems = e.violations();
                } catch (DomainException e) {
                    problems = List.of(new Violation(e.field() == null ? "" : e.field(), e.getMessage()));
                } catch (org.springframework.security.access.AccessDeniedException e) {
                    problems = List.of(new Violation("provider.id", e.getMessage()));
                }
            }
            counts[3]++;
            for (Violation problem : problems) {
                if (errors.size() < MAX_LISTED_ERRORS) {
                    errors.add(new RowError(row.number(), row.code(), problem.field(), problem.message()));
                }
            }
        });
        return new Report(counts[0], counts[1], counts[2], counts[3], errors);
    }

    private Outcome loadRow(FeedRow row, Actor actor) {
        LocalDate today = LocalDate.now(clock);
        Optional<Offering> existing = offerings.findByCode(row.code());
        if (existing.isEmpty()) {
            Offering offering = service.createDraft(row.details(), actor);
            offering.changePrices(row.rates(), today, today);
            if (row.publish()) {
                events.publish(offering.publish(today), null);
            }
            offerings.save(offering);
            return Outcome.CREATED;
        }
        Offering offering = existing.get();
        long revisionBefore = offering.revision();
        if (!actor.mayManage(offering.details().provider().id())) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "you manage only the offerings of provider " + actor.providerScope());
        }
        service.checkConsistency(row.details());
        List<OfferingEvent> caused = new ArrayList<>();
        offering.revise(row.details()).ifPresent(caused::add);
        // new prices from a feed take effect tomorrow: today's charges were already computed at today's price
        List<PriceList> prices = offering.priceLists();
        if (prices.isEmpty()) {
            offering.changePrices(row.rates(), today, today).ifPresent(caused::add);
        } else if (!sameRates(prices.getLast(), row)) {
            offering.changePrices(row.rates(), today.plusDays(1), today).ifPresent(caused::add);
        }
        if (row.publish() && offering.status() == OfferingStatus.DRAFT) {
            caused.add(offering.publish(today));
        }
        if (offering.revision() == revisionBefore) {
            return Outcome.UNCHANGED;
        }
        offerings.save(offering);
        caused.forEach(event -> events.publish(event, null));
        return Outcome.UPDATED;
    }

    private static boolean sameRates(PriceList current, FeedRow row) {
        if (current.rates().size() != row.rates().size()) {
            return false;
        }
        return row.rates().entrySet().stream()
                .allMatch(rate -> current.rates().containsKey(rate.getKey())
                        && current.rates().get(rate.getKey()).compareTo(rate.getValue()) == 0);
    }
}
