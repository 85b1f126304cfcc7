package fr.picloud.migration.portfolio.domain;

import fr.picloud.migration.portfolio.domain.Application.Criticality;
import fr.picloud.migration.portfolio.domain.Application.DataSensitivity;
import fr.picloud.migration.portfolio.domain.Application.Hosting;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A realistic portfolio of a ministry's legacy applications, the same for the same seed: a few shared
 * services many applications need (directory, single sign-on, document management...), clusters of
 * applications of one directorate that depend on each other, a handful of dependency cycles, mixed
 * technologies from mainframe to recent Linux VMs, and some applications nobody uses any more on an
 * unsupported system (obvious candidates for retirement).
 */
public final class PortfolioGenerator {

    /** The tenants of the demo stack (order-service's seed) and how much of the portfolio each owns. */
    private static final String[] TENANTS = {
        "police", "police", "police", "secciv", "dsic", "dsic", "justice", "justice"
    };

    private static final String[] COST_CENTERS = {
        "POL-001", "POL-001", "POL-001", "SEC-001", "DSIC-001", "DSIC-001", "JUS-001", "JUS-001"
    };

    private record Platform(Hosting hosting, String os, String osVersion, LocalDate endOfSupport, int weight) {}

    private static final List<Platform> PLATFORMS = List.of(
            new Platform(Hosting.VM, "RHEL", "8", LocalDate.of(2029, 5, 31), 14),
            new Platform(Hosting.VM, "RHEL", "7", LocalDate.of(2024, 6, 30), 10),
            new Platform(Hosting.VM, "Debian", "12", LocalDate.of(2028, 6, 30), 10),
            new Platform(Hosting.VM, "Debian", "10", LocalDate.of(2024, 6, 30), 5),
            new Platform(Hosting.VM, "Ubuntu", "22.04", LocalDate.of(2027, 4, 30), 7),
            new Platform(Hosting.VM, "Windows Server", "2019", LocalDate.of(2029, 1, 9), 6),
            new Platform(Hosting.VM, "Windows Server", "2012 R2", LocalDate.of(2023, 10, 10), 5),
            new Platform(Hosting.PHYSICAL, "RHEL", "6", LocalDate.of(2020, 11, 30), 8),
            new Platform(Hosting.PHYSICAL, "CentOS", "7", LocalDate.of(2024, 6, 30), 8),
            new Platform(Hosting.PHYSICAL, "Windows Server", "2008 R2", LocalDate.of(2020, 1, 14), 6),
            new Platform(Hosting.PHYSICAL, "AIX", "7.1", LocalDate.of(2023, 4, 30), 5),
            new Platform(Hosting.PHYSICAL, "Solaris", "10", LocalDate.of(2021, 1, 31), 3),
            new Platform(Hosting.MAINFRAME, "z/OS", "2.4", LocalDate.of(2024, 9, 30), 5));

    private static final String[] LINUX_MIDDLEWARE = {
        "Tomcat", "Tomcat", "JBoss EAP", "Apache httpd", "nginx", "WebLogic", "WebSphere", "Node.js", "PHP-FPM", null
    };
    private static final String[] WINDOWS_MIDDLEWARE = {"IIS", "IIS", ".NET Framework", "Lotus Domino", null};
    private static final String[] DATABASES = {
        "PostgreSQL", "PostgreSQL", "Oracle", "Oracle", "MySQL", "SQL Server", null, null
    };

    private static final String[] SHARED_SERVICES = {
        "Annuaire LDAP",
        "Authentification unique",
        "Bus d'échanges",
        "Gestion électronique de documents",
        "Référentiel des agents",
        "Passerelle de messagerie"
    };

    private static final String[] DOMAINS = {
        "Gestion",
        "Suivi",
        "Portail",
        "Registre",
        "Planification",
        "Statistiques",
        "Archivage",
        "Référentiel",
        "Téléservice",
        "Pilotage"
    };
    private static final String[] SUBJECTS = {
        "des effectifs",
        "des interventions",
        "des procédures",
        "des véhicules",
        "des stocks",
        "des habilitations",
        "des dossiers",
        "des plaintes",
        "des formations",
        "des crises",
        "des marchés",
        "des courriers"
    };

    private final long seed;

    public PortfolioGenerator(long seed) {
        this.seed = seed;
    }

    public List<Application> generate(int size) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Application> applications = new ArrayList<>(size);
        int shared = Math.min(SHARED_SERVICES.length, Math.max(0, size / 60));
        for (int index = 0; index < size; index++) {
            String id = id(index);
            int tenant = random.nextInt(TENANTS.length);
            boolean sharedService = index < shared;
            Platform platform = sharedService ? PLATFORMS.get(2) : pick(random);
            boolean forgotten = !sharedService && random.nextInt(100) < 6;
            boolean windows = platform.os().startsWith("Windows");
            String middleware = platform.hosting() == Hosting.MAINFRAME
                    ? "CICS"
                    : windows
                            ? WINDOWS_MIDDLEWARE[random.nextInt(WINDOWS_MIDDLEWARE.length)]
                            : LINUX_MIDDLEWARE[random.nextInt(LINUX_MIDDLEWARE.length)];
            String database =
                    platform.hosting() == Hosting.MAINFRAME ? "DB2" : DATABASES[random.nextInt(DATABASES.length)];
            int vcpus = platform.hosting() == Hosting.MAINFRAME ? 16 + random.nextInt(17) : 1 << random.nextInt(5);
            int ramGb = vcpus * (2 + random.nextInt(3));
            int storageGb = 20 + random.nextInt(60) * 10 + (database == null ? 0 : random.nextInt(40) * 25);
            int users = forgotten ? random.nextInt(6) : sharedService ? 30000 : users(random);
            LocalDate endOfSupport = forgotten
                    ? LocalDate.of(2019 + random.nextInt(3), 1 + random.nextInt(12), 1)
                    : platform.endOfSupport();
            Criticality criticality = sharedService
                    ? Criticality.CRITICAL
                    : forgotten ? Criticality.LOW : Criticality.values()[random.nextInt(4)];
            int sensitivityDraw = random.nextInt(100);
            DataSensitivity sensitivity = sensitivityDraw < 3
                    ? DataSensitivity.SECRET
                    : sensitivityDraw < 30
                            ? DataSensitivity.SENSITIVE
                            : sensitivityDraw < 85 ? DataSensitivity.INTERNAL : DataSensitivity.PUBLIC;
            int licenceDraw = random.nextInt(100);
            String licence = licenceDraw < 3 ? "hardware dongle" : licenceDraw < 8 ? "per-socket licence" : null;
            BigDecimal monthlyCost = BigDecimal.valueOf(vcpus * 38L
                            + ramGb * 6L
                            + storageGb / 5
                            + (platform.hosting() == Hosting.MAINFRAME
                                    ? 4000
                                    : platform.hosting() == Hosting.PHYSICAL ? 250 : 60))
                    .add(BigDecimal.valueOf(random.nextInt(30000), 2))
                    .setScale(2, RoundingMode.HALF_EVEN);
            String name = sharedService
                    ? SHARED_SERVICES[index]
                    : DOMAINS[random.nextInt(DOMAINS.length)] + " " + SUBJECTS[random.nextInt(SUBJECTS.length)] + " "
                            + (index + 1);
            applications.add(new Application(
                    id,
                    name,
                    sharedService ? "dsic" : TENANTS[tenant],
                    criticality,
                    users,
                    platform.hosting(),
                    platform.os(),
                    platform.osVersion(),
                    middleware,
                    database,
                    vcpus,
                    ramGb,
                    storageGb,
                    sensitivity,
                    endOfSupport,
                    licence,
                    dependencies(random, index, shared, size),
                    monthlyCost,
                    sharedService ? "DSIC-001" : COST_CENTERS[tenant]));
        }
        return addCycles(random, applications, shared);
    }

    public static String id(int index) {
        return "APP-%04d".formatted(index + 1);
    }

    private static Platform pick(SplittableRandom random) {
        int total = PLATFORMS.stream().mapToInt(Platform::weight).sum();
        int draw = random.nextInt(total);
        for (Platform platform : PLATFORMS) {
            draw -= platform.weight();
            if (draw < 0) {
                return platform;
            }
        }
        return PLATFORMS.getLast();
    }

    private static int users(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> 10 + random.nextInt(90);
            case 1 -> 100 + random.nextInt(900);
            case 2 -> 1000 + random.nextInt(9000);
            default -> 10000 + random.nextInt(40000);
        };
    }

    /**
     * Applications come in clusters of about eight consecutive ids; each depends on one or two earlier
     * members of its cluster, sometimes on a shared service, rarely on another cluster.
     */
    private static List<String> dependencies(SplittableRandom random, int index, int shared, int size) {
        Set<String> dependencies = new LinkedHashSet<>();
        if (index < shared) {
            return List.of();
        }
        int clusterStart = shared + ((index - shared) / 8) * 8;
        int earlierInCluster = index - clusterStart;
        if (earlierInCluster > 0 && random.nextInt(100) < 70) {
            dependencies.add(id(clusterStart + random.nextInt(earlierInCluster)));
            if (earlierInCluster > 2 && random.nextInt(100) < 30) {
                dependencies.add(id(clusterStart + random.nextInt(earlierInCluster)));
            }
        }
        if (shared > 0 && random.nextInt(100) < 25) {
            dependencies.add(id(random.nextInt(shared)));
        }
        if (clusterStart > shared && random.nextInt(100) < 4) {
            dependencies.add(id(shared + random.nextInt(clusterStart - shared)));
        }
        return List.copyOf(dependencies);
    }

    /** About one cluster in twenty gets a back edge: its first member then needs its last one as well. */
    private static List<Application> addCycles(SplittableRandom random, List<Application> applications, int shared) {
        List<Application> result = new ArrayList<>(applications);
        for (int clusterStart = shared; clusterStart + 2 < result.size(); clusterStart += 8) {
            if (random.nextInt(100) >= 5) {
                continue;
            }
            int last = clusterStart + 1 + random.nextInt(2);
            Application first = result.get(clusterStart);
            Application target = result.get(last);
            if (!target.dependencies().contains(first.id())) {
                // make sure the back edge closes a cycle: the later one needs the first one
                List<String> targetDependencies = new ArrayList<>(target.dependencies());
                targetDependencies.add(first.id());
                result.set(last, with(target, targetDependencies));
            }
            List<String> firstDependencies = new ArrayList<>(first.dependencies());
            firstDependencies.add(target.id());
            result.set(clusterStart, with(first, firstDependencies));
        }
        return result;
    }

    private static Application with(Application application, List<String> dependencies) {
        return new Application(
                application.id(),
                application.name(),
                application.tenant(),
                application.criticality(),
                application.users(),
                application.hosting(),
                application.os(),
                application.osVersion(),
                application.middleware(),
                application.database(),
                application.vcpus(),
                application.ramGb(),
                application.storageGb(),
                application.dataSensitivity(),
                application.endOfSupport(),
                application.licenceConstraint(),
                dependencies.stream().distinct().toList(),
                application.monthlyCost(),
                application.costCenter());
    }
}
