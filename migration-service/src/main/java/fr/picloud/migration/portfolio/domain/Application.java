package fr.picloud.migration.portfolio.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One legacy application of the portfolio, as its owners declared it in the inventory.
 *
 * @param tenant the owning directorate (the tenant its orders are placed for)
 * @param users how many people use it
 * @param os operating system family and name, e.g. "RHEL", "Windows Server", "z/OS"
 * @param middleware application server or runtime, {@code null} when none
 * @param database database engine, {@code null} for a stateless application
 * @param storageGb storage in use
 * @param endOfSupport when the operating system or product stops being supported, if known
 * @param licenceConstraint what ties the licence to its hardware (e.g. "hardware dongle"), if anything
 * @param dependencies ids of the applications this one needs to run
 * @param monthlyCost what it costs today per month (hosting, licences, support), as declared
 * @param costCenter the tenant's cost centre its orders are charged to, {@code null} for the tenant's first
 */
public record Application(
        String id,
        String name,
        String tenant,
        Criticality criticality,
        int users,
        Hosting hosting,
        String os,
        String osVersion,
        String middleware,
        String database,
        int vcpus,
        int ramGb,
        int storageGb,
        DataSensitivity dataSensitivity,
        LocalDate endOfSupport,
        String licenceConstraint,
        List<String> dependencies,
        BigDecimal monthlyCost,
        String costCenter) {

    public Application {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(criticality, "criticality");
        Objects.requireNonNull(hosting, "hosting");
        Objects.requireNonNull(dataSensitivity, "dataSensitivity");
        dependencies = List.copyOf(Objects.requireNonNullElse(dependencies, List.of()));
        // two decimals always, so a re-imported row compares equal to the one stored
        monthlyCost = Objects.requireNonNullElse(monthlyCost, BigDecimal.ZERO).setScale(2, RoundingMode.HALF_EVEN);
    }

    public boolean stateless() {
        return database == null || database.isBlank();
    }

    public enum Criticality {
        LOW,
        MEDIUM,
        HIGH,
        CRITICAL
    }

    public enum Hosting {
        PHYSICAL,
        VM,
        MAINFRAME
    }

    /** French government classification levels, the highest of which may not leave their premises. */
    public enum DataSensitivity {
        PUBLIC,
        INTERNAL,
        SENSITIVE,
        SECRET
    }
}
