package fr.picloud.migration.portfolio.application;

import fr.picloud.migration.portfolio.domain.Application;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where the inventory's applications are kept, by id. */
public interface Portfolio {

    /** Every application, by id. */
    List<Application> all();

    Optional<Application> find(String id);

    /** Inserts new applications and replaces changed ones; returns how many of each and how many were unchanged. */
    SaveCounts save(List<Application> applications, Instant at);

    record SaveCounts(int created, int updated, int unchanged) {}
}
