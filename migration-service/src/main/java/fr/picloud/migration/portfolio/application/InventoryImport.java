package fr.picloud.migration.portfolio.application;

import fr.picloud.migration.portfolio.domain.Application;
import fr.picloud.migration.portfolio.domain.InventoryRow;
import fr.picloud.migration.portfolio.domain.InventoryValidator;
import fr.picloud.migration.portfolio.domain.InventoryValidator.RowError;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads an inventory, read as a stream: valid rows are stored (a new id is added, a known one replaced), invalid rows are
 * reported with their number, id and field. Loading the same file twice changes nothing.
 */
@Service
public class InventoryImport {

    private static final Logger log = LoggerFactory.getLogger(InventoryImport.class);

    /** The applications one import may hold: the portfolio is about 420, the benchmark plans 10,000. */
    public static final int MAX_APPLICATIONS = 50_000;

    /** A progress line is logged every this many rows. */
    static final int PROGRESS_EVERY = 10_000;

    private final Portfolio portfolio;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public InventoryImport(Portfolio portfolio, TransactionTemplate transaction, Clock clock) {
        this.portfolio = portfolio;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** @param errors at most {@link InventoryValidator#MAX_LISTED_ERRORS} of the rejected rows' reasons */
    public record Report(
            long received, int created, int updated, int unchanged, long rejected, List<RowError> errors) {}

    /**
     * Reads the rows from {@code inventory} (which calls back once per row, as it reads them) and
     * loads the valid ones together, once the last is read: a row may depend on a later one.
     */
    public Report load(Consumer<Consumer<InventoryRow>> inventory) {
        InventoryValidator.Rows rows = new InventoryValidator.Rows(MAX_APPLICATIONS);
        inventory.accept(row -> {
            rows.add(row);
            if (rows.received() % PROGRESS_EVERY == 0) {
                log.info("inventory import: {} rows read, {} rejected so far", rows.received(), rows.rejected());
            }
        });
        Report report = transaction.execute(status -> {
            Set<String> known = portfolio.all().stream().map(Application::id).collect(Collectors.toSet());
            InventoryValidator.Result result = rows.result(known);
            Portfolio.SaveCounts counts = portfolio.save(result.accepted(), clock.instant());
            return new Report(
                    result.received(),
                    counts.created(),
                    counts.updated(),
                    counts.unchanged(),
                    result.rejected(),
                    result.errors());
        });
        log.info(
                "inventory import done: {} rows read, {} created, {} updated, {} unchanged, {} rejected",
                report.received(),
                report.created(),
                report.updated(),
                report.unchanged(),
                report.rejected());
        return report;
    }

    @Transactional(readOnly = true)
    public List<Application> all() {
        return portfolio.all();
    }

    @Transactional(readOnly = true)
    public Optional<Application> find(String id) {
        return portfolio.find(id);
    }
}
