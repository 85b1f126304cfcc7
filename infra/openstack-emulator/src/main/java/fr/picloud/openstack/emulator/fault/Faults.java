package fr.picloud.openstack.emulator.fault;

import fr.picloud.openstack.emulator.fault.FaultPlan.CreateFailure;
import fr.picloud.openstack.emulator.fault.FaultPlan.ServiceFaults;
import fr.picloud.openstack.emulator.http.ApiResponse;
import fr.picloud.openstack.emulator.http.ErrorStyle;
import fr.picloud.openstack.emulator.http.ResponseLost;
import fr.picloud.openstack.emulator.http.Router.Handler;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

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
    private Map<String, Integer> remainingCreateFailures = new HashMap<>();
    private Map<String, Integer> remainingLostResponses = new HashMap<>();
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
            remainingCreateFailures = new HashMap<>();
            newPlan.createFailures().forEach((kind, failure) -> remainingCreateFailures.put(kind, failure.count()));
            remainingLostResponses = new HashMap<>(newPlan.lostResponses());
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
        return consume(remainingDeleteFailures, kind);
    }

    /** The build time the plan sets for new servers, if it sets one. */
    public Optional<Duration> serverBuildTime() {
        return plannedMillis(FaultPlan::serverBuildMs);
    }

    /** The time the plan sets for volume transitions from now on, if it sets one. */
    public Optional<Duration> volumeTransitionTime() {
        return plannedMillis(FaultPlan::volumeTransitionMs);
    }

    private Optional<Duration> plannedMillis(Function<FaultPlan, Long> field) {
        lock.lock();
        try {
            return Optional.ofNullable(field.apply(plan)).map(Duration::ofMillis);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Wraps the handler of a create call with the plan's {@code createFailures} (answered before the
     * handler runs: nothing is created) and {@code lostResponses} (answered after it succeeded: the
     * resource exists but the caller sees a 503).
     */
    public Handler creating(String kind, ErrorStyle errors, Handler handler) {
        return planned(kind, "Create of " + kind, "this create of " + kind, errors, handler);
    }

    /**
     * The same for a day-2 action (a resize, a reboot, an extension): a planned failure does nothing,
     * a lost answer hides an action that was carried out.
     */
    public Handler acting(String kind, ErrorStyle errors, Handler handler) {
        return planned(kind, "The " + kind + " action", "this " + kind + " action", errors, handler);
    }

    private Handler planned(String kind, String subject, String call, ErrorStyle errors, Handler handler) {
        return request -> {
            int failureStatus = nextCreateFailure(kind);
            if (failureStatus != 0) {
                String message = subject + " failed, injected by the emulator's fault plan.";
                throw switch (failureStatus) {
                    case 400 -> errors.badRequest(message);
                    case 404 -> errors.notFound(message);
                    default -> errors.serverError(failureStatus, message);
                };
            }
            ApiResponse response = handler.handle(request);
            if (response.status() < 300 && consume(remainingLostResponses, kind)) {
                throw ResponseLost.answering(errors.serverError(
                        503, "The answer to " + call + " was lost, injected by the emulator's fault plan."));
            }
            return response;
        };
    }

    private int nextCreateFailure(String kind) {
        lock.lock();
        try {
            CreateFailure failure = plan.createFailures().get(kind);
            return failure != null && consume(remainingCreateFailures, kind) ? failure.status() : 0;
        } finally {
            lock.unlock();
        }
    }

    private boolean consume(Map<String, Integer> remaining, String kind) {
        lock.lock();
        try {
            int left = remaining.getOrDefault(kind, 0);
            if (left <= 0) {
                return false;
            }
            remaining.put(kind, left - 1);
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
