package fr.picloud.platform.persistence;

import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Migrates the platform's own tables (outbox, inbox) with their own history table before the
 * service's migrations, so the platform schema evolves on its own version line and never collides
 * with a service's version numbers.
 */
public class PlatformSchemaMigration implements FlywayMigrationStrategy {

    static final String HISTORY_TABLE = "flyway_platform_history";
    static final String LOCATION = "classpath:db/platform";

    @Override
    public void migrate(Flyway serviceFlyway) {
        Flyway.configure(serviceFlyway.getConfiguration().getClassLoader())
                .configuration(serviceFlyway.getConfiguration())
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        serviceFlyway.migrate();
    }
}
