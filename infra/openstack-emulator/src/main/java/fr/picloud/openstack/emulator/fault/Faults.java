package fr.picloud.openstack.emulator.fault;

import fr.picloud.openstack.emulator.fault.FaultPlan.ServiceFaults;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The faults in force. Its own lock, not the cloud's: a call delayed or hung here must not stop
 * other calls from being served.
 */
public final class Faults {

    /** What happens to one call before it reaches its service. */
    public record Verdict(Duration latency, boolean hang, int errorStatus) {
        static final Verdict SERVE = new Verdict(Duration.ZERO, false, 0);

        public boolean fails() {
            return errorStatus != 0;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private FaultPlan plan = FaultPlan.none();
    private Random random = new Random(0);
    private Map<String, Integer> remainingDeleteFailures = new HashMap<>();
    private CountDownLatch hungCallsRelease = new CountDownLatch(1);

    public FaultPlan plan() {
        lock.lock();
        try {
            return plan;
        } finally {
            lock.unlock();
        }
    }

    /** Replaces the plan, restarts the seeded generator and lets every hung call go. */
    public void apply(FaultPlan newPlan) {
        lock.lock();
        try {
            plan = newPlan;
            random = new Random(newPlan.seed());
            remainingDeleteFailures = new HashMap<>(newPlan.deleteFailures());
            hungCallsRelease.countDown();
            hungCallsRelease = new CountDownLatch(1);
        } finally {
            lock.unlock();
        }
    }

    public void clear() {
        apply(FaultPlan.none());
    }

    public Verdict verdictFor(String serviceType) {
        lock.lock();
        try {
            ServiceFaults faults = plan.services().get(serviceType);
            if (faults == null) {
                return Verdict.SERVE;
            }
            // always draw both numbers, so one rate's setting does not shift the other's sequence
            boolean hang = random.nextDouble() < faults.hangRate();
            boolean error = random.nextDouble() < faults.errorRate();
            return new Verdict(Duration.ofMillis(faults.latencyMs()), hang, error ? faults.errorStatus() : 0);
        } finally {
            lock.unlock();
        }
    }

    /** Whether the next server to finish building ends in ERROR. */
    public boolean nextServerFails() {
        lock.lock();
        try {
            return plan.serverErrorRate() > 0 && random.nextDouble() < plan.serverErrorRate();
        } finally {
            lock.unlock();
        }
    }

    /** Consumes one planned failure of a delete of this kind of resource, if any is left. */
    public boolean nextDeleteFails(String kind) {
        lock.lock();
        try {
            int left = remainingDeleteFailures.getOrDefault(kind, 0);
            if (left <= 0) {
                return false;
            }
            remainingDeleteFailures.put(kind, left - 1);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Blocks a hung call until the plan changes or the emulator stops (bounded, so no thread leaks forever). */
    public void hang() throws InterruptedException {
        CountDownLatch release;
        lock.lock();
        try {
            release = hungCallsRelease;
        } finally {
            lock.unlock();
        }
        release.await(1, TimeUnit.HOURS);
    }
}
