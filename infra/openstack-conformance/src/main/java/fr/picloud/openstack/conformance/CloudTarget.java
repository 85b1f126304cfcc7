package fr.picloud.openstack.conformance;

import java.time.Duration;
import java.util.Optional;

/** A cloud the conformance suite runs against: the emulator, or a real OpenStack. */
public interface CloudTarget extends AutoCloseable {

    String name();

    /** Why this target cannot run here, or empty when it can. */
    Optional<String> unavailableReason();

    /** Admin credentials; starts the cloud first when it is the emulator. */
    CloudCredentials adminCredentials();

    /**
     * How long state transitions may take (BUILD -> ACTIVE, creating -> available): seconds on a
     * real cloud, milliseconds on the emulator. The assertions are the same; only the patience differs.
     */
    Duration patience();

    @Override
    void close();
}
