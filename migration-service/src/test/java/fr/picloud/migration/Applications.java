package fr.picloud.migration;

import fr.picloud.migration.portfolio.domain.Application;
import fr.picloud.migration.portfolio.domain.Application.Criticality;
import fr.picloud.migration.portfolio.domain.Application.DataSensitivity;
import fr.picloud.migration.portfolio.domain.Application.Hosting;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Object Mother and builder of applications: a canonical easy one, and variations of it. */
public final class Applications {

    private String id = "APP-1";
    private String name = "Gestion des effectifs";
    private String tenant = "police";
    private Criticality criticality = Criticality.MEDIUM;
    private int users = 800;
    private Hosting hosting = Hosting.VM;
    private String os = "Debian";
    private String osVersion = "12";
    private String middleware = "nginx";
    private String database = null;
    private int vcpus = 2;
    private int ramGb = 4;
    private int storageGb = 40;
    private DataSensitivity sensitivity = DataSensitivity.INTERNAL;
    private LocalDate endOfSupport = LocalDate.of(2028, 6, 30);
    private String licence = null;
    private List<String> dependencies = List.of();
    private BigDecimal monthlyCost = new BigDecimal("300.00");

    private Applications() {}

    /** A stateless Debian 12 VM, 2 vCPU, needing nothing: as easy to move as they come. */
    public static Applications easy(String id) {
        Applications builder = new Applications();
        builder.id = id;
        builder.name = "Application " + id;
        return builder;
    }

    public Applications hosting(Hosting value) {
        hosting = value;
        return this;
    }

    public Applications os(String value, String version) {
        os = value;
        osVersion = version;
        return this;
    }

    public Applications middleware(String value) {
        middleware = value;
        return this;
    }

    public Applications database(String value) {
        database = value;
        return this;
    }

    public Applications users(int value) {
        users = value;
        return this;
    }

    public Applications vcpus(int value) {
        vcpus = value;
        ramGb = value * 2;
        return this;
    }

    public Applications storageGb(int value) {
        storageGb = value;
        return this;
    }

    public Applications sensitivity(DataSensitivity value) {
        sensitivity = value;
        return this;
    }

    public Applications endOfSupport(LocalDate value) {
        endOfSupport = value;
        return this;
    }

    public Applications licence(String value) {
        licence = value;
        return this;
    }

    public Applications dependsOn(String... ids) {
        dependencies = List.of(ids);
        return this;
    }

    public Applications monthlyCost(String value) {
        monthlyCost = new BigDecimal(value);
        return this;
    }

    public Applications criticality(Criticality value) {
        criticality = value;
        return this;
    }

    public Application build() {
        return new Application(
                id,
                name,
                tenant,
                criticality,
                users,
                hosting,
                os,
                osVersion,
                middleware,
                database,
                vcpus,
                ramGb,
                storageGb,
                sensitivity,
                endOfSupport,
                licence,
                dependencies,
                monthlyCost,
                null);
    }
}
