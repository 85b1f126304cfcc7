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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads a provider feed. A bad row never undoes a good one, and each row is idempotent: a row equal
 * to what the catalogue holds changes nothing and publishes nothing, so the same feed loaded twice
 * reports everything unchanged.
 *
 * <p>Rows commit {@value #BATCH_SIZE} at a time: one transaction per row made a 22,000-row feed
 * spend most of its time in commits and round trips. Every rule a row can break is checked before
 * the row writes anything, so a rejected row leaves nothing behind in its batch; should the database
 * itself refuse a batch, its rows are loaded again one transaction each.
 */
@Service
public class OfferingImport {

    private static final Logger log = LoggerFactory.getLogger(OfferingImport.class);

    /** At most this many row errors are listed; the counts are always complete. */
    public static final int MAX_LISTED_ERRORS = 1_000;

    /** Rows committed together. */
    static final int BATCH_SIZE = 100;

    /** A progress line is logged every this many rows. */
    static final int PROGRESS_EVERY = 10_000;

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
        Tally tally = new Tally();
        List<FeedRow> batch = new ArrayList<>(BATCH_SIZE);
        feed.accept(row -> {
            batch.add(row);
            if (batch.size() == BATCH_SIZE) {
                loadBatch(batch, actor, tally);
                batch.clear();
            }
        });
        loadBatch(batch, actor, tally);
        Report report = tally.report();
        log.info(
                "feed import done: {} rows read, {} accepted ({} created, {} updated, {} unchanged), {} rejected",
                tally.read(),
                report.created() + report.updated() + report.unchanged(),
                report.created(),
                report.updated(),
                report.unchanged(),
                report.rejected());
        return report;
    }

    private void loadBatch(List<FeedRow> batch, Actor actor, Tally tally) {
        if (batch.isEmpty()) {
            return;
        }
        List<RowResult> results;
        try {
            results = transaction.execute(status -> {
                // one look-up for the whole batch; a code seen twice in it finds what the first row left
                Map<String, Offering> known = offerings.findByCodes(batch.stream()
                        .map(FeedRow::code)
                        .filter(Objects::nonNull)
                        .collect(Collectors.toSet()));
                return batch.stream().map(row -> attempt(row, actor, known)).toList();
            });
        } catch (RuntimeException refusedByTheDatabase) {
            log.warn(
                    "a batch of {} feed rows from row {} was refused, loading them one by one: {}",
                    batch.size(),
                    batch.getFirst().number(),
                    refusedByTheDatabase.toString());
            results = batch.stream()
                    .map(row -> transaction.execute(status -> attempt(row, actor, null)))
                    .toList();
        }
        long before = tally.read();
        results.forEach(tally::add);
        if (tally.read() / PROGRESS_EVERY > before / PROGRESS_EVERY) {
            log.info(
                    "feed import: {} rows read, {} accepted, {} rejected so far",
                    tally.read(),
                    tally.read() - tally.rejected,
                    tally.rejected);
        }
    }

    /** A row's outcome, or the reasons it was rejected (outcome null). */
    private record RowResult(FeedRow row, Outcome outcome, List<Violation> problems) {}

    /** @param known the batch's offerings by code, or null to look the row's code up */
    private RowResult attempt(FeedRow row, Actor actor, Map<String, Offering> known) {
        if (!row.unreadable().isEmpty()) {
            return new RowResult(row, null, row.unreadable());
        }
        try {
            return new RowResult(row, loadRow(row, actor, known), List.of());
        } catch (InvalidInputException e) {
            forget(row, known);
            return new RowResult(row, null, e.violations());
        } catch (DomainException e) {
            forget(row, known);
            return new RowResult(row, null, List.of(new Violation(e.field() == null ? "" : e.field(), e.getMessage())));
        } catch (AccessDeniedException e) {
            forget(row, known);
            return new RowResult(row, null, List.of(new Violation("provider.id", e.getMessage())));
        }
    }

    /** A rejected row may have changed its offering before failing: a later row of the batch reads it again. */
    private void forget(FeedRow row, Map<String, Offering> known) {
        if (known != null && known.containsKey(row.code())) {
            offerings
                    .findByCode(row.code())
                    .ifPresentOrElse(stored -> known.put(row.code(), stored), () -> known.remove(row.code()));
        }
    }

    private static final class Tally {
        private final long[] counts = new long[Outcome.values().length];
        private long rejected;
        private final List<RowError> errors = new ArrayList<>();

        void add(RowResult result) {
            if (result.outcome() != null) {
                counts[result.outcome().ordinal()]++;
                return;
            }
            rejected++;
            for (Violation problem : result.problems()) {
                if (errors.size() < MAX_LISTED_ERRORS) {
                    errors.add(new RowError(
                            result.row().number(), result.row().code(), problem.field(), problem.message()));
                }
            }
        }

        long read() {
            return java.util.Arrays.stream(counts).sum() + rejected;
        }

        Report report() {
            return new Report(
                    counts[Outcome.CREATED.ordinal()],
                    counts[Outcome.UPDATED.ordinal()],
                    counts[Outcome.UNCHANGED.ordinal()],
                    rejected,
                    errors);
        }
    }

    private Outcome loadRow(FeedRow row, Actor actor, Map<String, Offering> known) {
        LocalDate today = LocalDate.now(clock);
        Optional<Offering> existing =
                known == null ? offerings.findByCode(row.code()) : Optional.ofNullable(known.get(row.code()));
        if (existing.isEmpty()) {
            // OfferingService.createDraft's checks, without its second look-up by code and its own save
            requireMayManage(actor, row.details().provider().id());
            service.checkConsistency(row.details());
            Offering offering = Offering.draft(row.details());
            offering.changePrices(row.rates(), today, today);
            if (row.publish()) {
                events.publish(offering.publish(today), null);
            }
            offerings.add(offering);
            if (known != null) {
                known.put(row.code(), offering);
            }
            return Outcome.CREATED;
        }
        Offering offering = existing.get();
        long revisionBefore = offering.revision();
        requireMayManage(actor, offering.details().provider().id());
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

    private static void requireMayManage(Actor actor, String providerId) {
        if (!actor.mayManage(providerId)) {
            throw new AccessDeniedException("you manage only the offerings of provider " + actor.providerScope());
        }
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
