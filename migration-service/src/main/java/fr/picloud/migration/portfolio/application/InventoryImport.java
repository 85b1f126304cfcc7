package fr.picloud.migration.portfolio.application;

import fr.picloud.migration.portfolio.domain.Application;
import fr.picloud.migration.portfolio.domain.InventoryRow;
import fr.picloud.migration.portfolio.domain.InventoryValidator;
import fr.picloud.migration.portfolio.domain.InventoryValidator.RowError;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads an inventory: valid rows are stored (a new id is added, a known one replaced), invalid rows are
 * reported with their number, id and field. Loading the same file twice changes nothing.
 */
@Service
public class InventoryImport {

    private final Portfolio portfolio;
    private final Clock clock;

    public InventoryImport(Portfolio portfolio, Clock clock) {
        this.portfolio = portfolio;
        this.clock = clock;
    }

    public record Report(int received, int created, int updated, int unchanged, int rejected, List<RowError> errors) {}

    @Transactional
    public Report load(List<InventoryRow> rows) {
        Set<String> known = portfolio.all().stream().map(Application::id).collect(Collectors.toSet());
        InventoryValidator.Result result = InventoryValidator.validate(rows, known);
        Portfolio.SaveCounts counts = portfolio.save(result.accepted(), clock.instant());
        int rejected =
                (int) result.errors().stream().map(RowError::row).distinct().count();
        return new Report(
                rows.size(), counts.created(), counts.updated(), counts.unchanged(), rejected, result.errors());
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
