package fr.picloud.openstack.emulator.fault;

import java.util.Map;

/**
 * What to break, set through PUT /_emulator/faults. Every random choice draws from one generator
 * seeded with {@code seed}, so a test that sends the same calls in the same order sees the same faults.
 *
 * @param seed seed of the generator behind every rate below
 * @param services per service type ("identity", "compute", "network", "volume", "image")
 * @param serverErrorRate share of new servers that end in ERROR instead of ACTIVE
 * @param deleteFailures per resource kind ("server", "volume", "network", "subnet", "router", "port",
 *     "security_group", "floatingip", "keypair"): how many of the next deletes answer 500
 */
public record FaultPlan(
        long seed, Map<String, ServiceFaults> services, double serverErrorRate, Map<String, Integer> deleteFailures) {

    public FaultPlan {
        services = services == null ? Map.of() : Map.copyOf(services);
        deleteFailures = deleteFailures == null ? Map.of() : Map.copyOf(deleteFailures);
        requireRate(serverErrorRate, "serverErrorRate");
    }

    public static FaultPlan none() {
        return new FaultPlan(0, Map.of(), 0, Map.of());
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

    private static void requireRate(double rate, String name) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + rate);
        }
    }
}
