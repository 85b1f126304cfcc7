package fr.picloud.openstack.emulator.fault;

import java.util.Map;
import java.util.Set;

/**
 * What to break, set through PUT /_emulator/faults. Every random choice draws from one generator
 * seeded with {@code seed}, so a test that sends the same calls in the same order sees the same faults.
 *
 * @param seed seed of the generator behind every rate below
 * @param services per service type ("identity", "compute", "network", "volume", "image")
 * @param serverErrorRate share of new servers that end in ERROR instead of ACTIVE
 * @param deleteFailures per resource kind ("server", "volume", "snapshot", "network", "subnet", "router",
 *     "port", "security_group", "floatingip", "keypair"): how many of the next deletes answer 500
 * @param createFailures per resource kind or day-2 action (see {@link #CREATE_KINDS}): the next
 *     {@code count} calls of that kind answer {@code status} and change nothing
 * @param lostResponses per resource kind or day-2 action (see {@link #CREATE_KINDS}): the next N calls of
 *     that kind are carried out but their answer is lost (503), so the caller must find what it did
 * @param serverBuildMs how long servers created from now on stay in BUILD; absent: the emulator's
 *     setting (lets a benchmark slow builds down on a running emulator); also how long their resizes,
 *     reverts and reboots take
 * @param volumeTransitionMs how long volumes created or extended, and snapshots taken, from now on stay
 *     "creating" or "extending"; absent: the emulator's setting
 */
public record FaultPlan(
        long seed,
        Map<String, ServiceFaults> services,
        double serverErrorRate,
        Map<String, Integer> deleteFailures,
        Map<String, CreateFailure> createFailures,
        Map<String, Integer> lostResponses,
        Long serverBuildMs,
        Long volumeTransitionMs) {

    /** The kinds of create, and the day-2 actions, that createFailures and lostResponses can target. */
    public static final Set<String> CREATE_KINDS = Set.of(
            "network",
            "subnet",
            "router",
            "router_interface",
            "security_group",
            "keypair",
            "volume",
            "server",
            "volume_attachment",
            "floatingip",
            "snapshot",
            "server_resize",
            "server_confirm_resize",
            "server_revert_resize",
            "server_reboot",
            "server_stop",
            "server_start",
            "volume_extend");

    public FaultPlan {
        services = services == null ? Map.of() : Map.copyOf(services);
        deleteFailures = deleteFailures == null ? Map.of() : Map.copyOf(deleteFailures);
        createFailures = createFailures == null ? Map.of() : Map.copyOf(createFailures);
        lostResponses = lostResponses == null ? Map.of() : Map.copyOf(lostResponses);
        requireRate(serverErrorRate, "serverErrorRate");
        requireKinds(createFailures.keySet(), "createFailures");
        requireKinds(lostResponses.keySet(), "lostResponses");
        lostResponses.forEach((kind, count) -> {
            if (count == null || count < 0) {
                throw new IllegalArgumentException("lostResponses." + kind + " must not be negative");
            }
        });
        if (serverBuildMs != null && serverBuildMs < 0) {
            throw new IllegalArgumentException("serverBuildMs must not be negative");
        }
        if (volumeTransitionMs != null && volumeTransitionMs < 0) {
            throw new IllegalArgumentException("volumeTransitionMs must not be negative");
        }
    }

    public static FaultPlan none() {
        return new FaultPlan(0, Map.of(), 0, Map.of(), Map.of(), Map.of(), null, null);
    }

    /**
     * Faults of one service.
     *
     * @param latencyMs delay added before every call is answered
     * @param errorRate share of calls answered with {@code errorStatus} instead of being served
     * @param errorStatus 500 or 503 (500 when absent)
     * @param hangRate share of calls that never answer, until the faults are cleared or the emulator resets
     */
    public record ServiceFaults(long latencyMs, double errorRate, Integer errorStatus, double hangRate) {
        public ServiceFaults {
            errorStatus = errorStatus == null ? 500 : errorStatus;
            requireRate(errorRate, "errorRate");
            requireRate(hangRate, "hangRate");
            if (latencyMs < 0) {
                throw new IllegalArgumentException("latencyMs must not be negative");
            }
        }
    }

    /**
     * Planned failures of the creates of one kind.
     *
     * @param count how many of the next creates fail (1 when absent)
     * @param status the HTTP status they answer, 400 to 599 (500 when absent)
     */
    public record CreateFailure(Integer count, Integer status) {
        public CreateFailure {
            count = count == null ? 1 : count;
            status = status == null ? 500 : status;
            if (count < 0) {
                throw new IllegalArgumentException("createFailures count must not be negative");
            }
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("createFailures status must be 4xx or 5xx, was " + status);
            }
        }
    }

    private static void requireKinds(Set<String> kinds, String field) {
        for (String kind : kinds) {
            if (!CREATE_KINDS.contains(kind)) {
                throw new IllegalArgumentException(
                        field + ": unknown kind '" + kind + "', expected one of " + CREATE_KINDS);
            }
        }
    }

    private static void requireRate(double rate, String name) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + rate);
        }
    }
}
