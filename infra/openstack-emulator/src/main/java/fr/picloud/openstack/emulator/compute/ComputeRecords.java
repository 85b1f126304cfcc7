package fr.picloud.openstack.emulator.compute;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Nova's resources, immutable; a change replaces the record in its map. */
final class ComputeRecords {

    private ComputeRecords() {}

    record Flavor(String id, String name, int ramMb, int vcpus, int diskGb) {}

    /** Key pairs belong to a user, not a project; the project is kept for the inventory only. */
    record Keypair(
            String name, String userId, String projectId, String publicKey, String fingerprint, Instant createdAt) {}

    /** What the server becomes once built: chosen at boot (fault plan, metadata trigger), revealed later. */
    enum Fate {
        ACTIVE,
        ERROR,
        BUILD_FOREVER
    }

    /**
     * A server. Its status is computed from the clock rather than by a thread per server: BUILD until
     * {@code builtAt}, then its fate (ACTIVE, or ERROR), SHUTOFF while stopped.
     */
    record Server(
            String id,
            String projectId,
            String userId,
            String name,
            Flavor flavor,
            String imageId,
            String keyName,
            Map<String, String> metadata,
            List<String> tags,
            List<String> securityGroups,
            Instant createdAt,
            Instant updatedAt,
            Instant builtAt,
            Fate fate,
            boolean stopped,
            Set<String> portsCreatedForServer,
            int deleteFailuresLeft) {

        String status(Instant now) {
            if (fate == Fate.BUILD_FOREVER || now.isBefore(builtAt)) {
                return "BUILD";
            }
            if (fate == Fate.ERROR) {
                return "ERROR";
            }
            return stopped ? "SHUTOFF" : "ACTIVE";
        }

        Server stopped(boolean newStopped, Instant now) {
            return new Server(
                    id,
                    projectId,
                    userId,
                    name,
                    flavor,
                    imageId,
                    keyName,
                    metadata,
                    tags,
                    securityGroups,
                    createdAt,
                    now,
                    builtAt,
                    fate,
                    newStopped,
                    portsCreatedForServer,
                    deleteFailuresLeft);
        }

        Server renamed(String newName, Instant now) {
            return new Server(
                    id,
                    projectId,
                    userId,
                    newName,
                    flavor,
                    imageId,
                    keyName,
                    metadata,
                    tags,
                    securityGroups,
                    createdAt,
                    now,
                    builtAt,
                    fate,
                    stopped,
                    portsCreatedForServer,
                    deleteFailuresLeft);
        }

        Server withMetadata(Map<String, String> newMetadata, Instant now) {
            return new Server(
                    id,
                    projectId,
                    userId,
                    name,
                    flavor,
                    imageId,
                    keyName,
                    Map.copyOf(newMetadata),
                    tags,
                    securityGroups,
                    createdAt,
                    now,
                    builtAt,
                    fate,
                    stopped,
                    portsCreatedForServer,
                    deleteFailuresLeft);
        }

        Server withTags(List<String> newTags, Instant now) {
            return new Server(
                    id,
                    projectId,
                    userId,
                    name,
                    flavor,
                    imageId,
                    keyName,
                    metadata,
                    List.copyOf(newTags),
                    securityGroups,
                    createdAt,
                    now,
                    builtAt,
                    fate,
                    stopped,
                    portsCreatedForServer,
                    deleteFailuresLeft);
        }

        Server afterFailedDelete() {
            return new Server(
                    id,
                    projectId,
                    userId,
                    name,
                    flavor,
                    imageId,
                    keyName,
                    metadata,
                    tags,
                    securityGroups,
                    createdAt,
                    updatedAt,
                    builtAt,
                    fate,
                    stopped,
                    portsCreatedForServer,
                    deleteFailuresLeft - 1);
        }
    }
}
