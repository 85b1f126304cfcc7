package fr.picloud.migration.assessment.domain;

import fr.picloud.migration.portfolio.domain.Application;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What a scoring model's conditions can test about an application, by name. */
public final class ApplicationFacts {

    public static final Set<String> FACTS = Set.of(
            "hosting",
            "os",
            "osFamily",
            "osVersion",
            "middleware",
            "database",
            "stateless",
            "criticality",
            "users",
            "vcpus",
            "ramGb",
            "storageGb",
            "dataSensitivity",
            "monthsToEndOfSupport",
            "licenceConstraint",
            "dependencyCount",
            "dependentCount",
            "monthlyCost",
            "tenant");

    /** Recommendation rules may also test the two scores. */
    public static final Set<String> RECOMMENDATION_FACTS = union(FACTS, Set.of("ease", "benefit"));

    private ApplicationFacts() {}

    /**
     * @param dependentCount how many applications of the portfolio need this one
     * @param today the day the assessment is made, for the months left before end of support
     */
    public static Map<String, Object> of(Application application, int dependentCount, LocalDate today) {
        Map<String, Object> facts = new HashMap<>(32);
        facts.put("hosting", application.hosting().name());
        facts.put("os", application.os());
        facts.put("osFamily", family(application.os()));
        facts.put("osVersion", application.osVersion());
        facts.put("middleware", application.middleware());
        facts.put("database", application.database());
        facts.put("stateless", application.stateless());
        facts.put("criticality", application.criticality().name());
        facts.put("users", application.users());
        facts.put("vcpus", application.vcpus());
        facts.put("ramGb", application.ramGb());
        facts.put("storageGb", application.storageGb());
        facts.put("dataSensitivity", application.dataSensitivity().name());
        if (application.endOfSupport() != null) {
            facts.put("monthsToEndOfSupport", ChronoUnit.MONTHS.between(today, application.endOfSupport()));
        }
        facts.put("licenceConstraint", application.licenceConstraint());
        facts.put("dependencyCount", application.dependencies().size());
        facts.put("dependentCount", dependentCount);
        facts.put("monthlyCost", application.monthlyCost().doubleValue());
        facts.put("tenant", application.tenant());
        return facts;
    }

    /** The operating system's family, lower case without spaces: rhel, centos, debian, windows, z/os... */
    public static String family(String os) {
        String lower = os.toLowerCase(Locale.ROOT).trim();
        if (lower.startsWith("windows")) {
            return "windows";
        }
        if (lower.startsWith("red hat") || lower.startsWith("rhel")) {
            return "rhel";
        }
        int space = lower.indexOf(' ');
        return space < 0 ? lower : lower.substring(0, space);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
