package fr.picloud.openstack.conformance;

import fr.picloud.openstack.emulator.OpenStackEmulator;
import java.time.Duration;
import java.util.Optional;

/** The OpenStack emulator, started in-process on a free port the first time credentials are asked for. */
public final class EmulatorTarget implements CloudTarget {

    private OpenStackEmulator emulator;

    @Override
    public String name() {
        return "emulator";
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public synchronized CloudCredentials adminCredentials() {
        if (emulator == null) {
            emulator = OpenStackEmulator.start(0);
        }
        return new CloudCredentials(
                emulator.authUrl(),
                "admin",
                emulator.settings().adminPassword(),
                "admin",
                "Default",
                "Default",
                emulator.settings().region());
    }

    @Override
    public Duration patience() {
        return Duration.ofSeconds(15);
    }

    @Override
    public synchronized void close() {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
