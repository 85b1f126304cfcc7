package fr.picloud.openstack.emulator.compute;

import java.time.Duration;
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

    /** What Nova is doing to a server after its build, as its task_state says. */
    enum TaskKind {
        RESIZE,
        REVERT_RESIZE,
        REBOOT,
        HARD_REBOOT
    }

    /**
     * A day-2 action under way since {@code startedAt} and done at {@code endsAt}, computed from the
     * clock like the build. {@code flavor} is the flavor a resize goes to (RESIZE) or comes back from
     * (REVERT_RESIZE); a reboot has none. A finished resize stays as the server's task: the server
     * waits in VERIFY_RESIZE until it is confirmed or reverted.
     */
    record Task(TaskKind kind, Instant startedAt, Instant endsAt, Flavor flavor) {

        boolean runningAt(Instant now) {
            return now.isBefore(endsAt);
        }
    }

    /**
     * A server. Its state is computed from the clock rather than by a thread per server: BUILD until
     * {@code builtAt}, then its fate (ACTIVE, or ERROR), SHUTOFF while stopped, and whatever its
     * {@code task} (absent from servers saved before day-2 actions existed: null) makes of it.
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
            int deleteFailuresLeft,
            Task task) {

        /** Nova's vm_state: building, error, active, stopped, or resized (waiting for a confirmation). */
        String vmState(Instant now) {
            if (fate == Fate.BUILD_FOREVER || now.isBefore(builtAt)) {
                return "building";
            }
            if (fate == Fate.ERROR) {
                return "error";
            }
            if (task != null && task.kind() == TaskKind.RESIZE && !task.runningAt(now)) {
                return "resized";
            }
            if (task != null && task.kind() == TaskKind.REVERT_RESIZE && task.runningAt(now)) {
                return "resized";
            }
            return poweredOff(now) ? "stopped" : "active";
        }

        /** Nova's task_state: null when nothing is under way. */
        String taskState(Instant now) {
            if (vmState(now).equals("building")) {
                return "spawning";
            }
            if (task == null || !task.runningAt(now)) {
                return null;
            }
            return switch (task.kind()) {
                case RESIZE -> {
                    Instant halfway = task.startedAt()
                            .plus(Duration.between(task.startedAt(), task.endsAt())
                                    .dividedBy(2));
                    yield now.isBefore(halfway) ? "resize_prep" : "resize_migrating";
                }
                case REVERT_RESIZE -> "resize_reverting";
                case REBOOT -> "rebooting";
                case HARD_REBOOT -> "rebooting_hard";
            };
        }

        /** The status Nova derives from vm_state and task_state (its _STATE_MAP, for the states emulated). */
        String status(Instant now) {
            String taskState = taskState(now);
            boolean resizing = "resize_prep".equals(taskState) || "resize_migrating".equals(taskState);
            return switch (vmState(now)) {
                case "building" -> "BUILD";
                case "error" -> "ERROR";
                case "resized" -> "resize_reverting".equals(taskState) ? "REVERT_RESIZE" : "VERIFY_RESIZE";
                // a stopped server hard-rebooting still shows SHUTOFF: the map has no reboot status for it
                case "stopped" -> resizing ? "RESIZE" : "SHUTOFF";
                default -> {
                    if (taskState == null) {
                        yield "ACTIVE";
                    }
                    yield resizing ? "RESIZE" : taskState.equals("rebooting_hard") ? "HARD_REBOOT" : "REBOOT";
                }
            };
        }

        /** Nova shows the new flavor from VERIFY_RESIZE on, and until a revert is done; quotas count it too. */
        Flavor flavorAt(Instant now) {
            if (task == null) {
                return flavor;
            }
            boolean resized = task.kind() == TaskKind.RESIZE && !task.runningAt(now);
            boolean reverting = task.kind() == TaskKind.REVERT_RESIZE && task.runningAt(now);
            return resized || reverting ? task.flavor() : flavor;
        }

        /** Stopped, unless a hard reboot (which Nova allows on a stopped server) has powered it on since. */
        boolean poweredOff(Instant now) {
            boolean hardRebooted = task != null && task.kind() == TaskKind.HARD_REBOOT && !task.runningAt(now);
            return stopped && !hardRebooted;
        }

        Server stopped(boolean newStopped, Instant now) {
            return with(name, flavor, metadata, tags, now, newStopped, deleteFailuresLeft, null);
        }

        Server renamed(String newName, Instant now) {
            return with(newName, flavor, metadata, tags, now, stopped, deleteFailuresLeft, task);
        }

        Server withMetadata(Map<String, String> newMetadata, Instant now) {
            return with(name, flavor, Map.copyOf(newMetadata), tags, now, stopped, deleteFailuresLeft, task);
        }

        Server withTags(List<String> newTags, Instant now) {
            return with(name, flavor, metadata, List.copyOf(newTags), now, stopped, deleteFailuresLeft, task);
        }

        Server afterFailedDelete() {
            return with(name, flavor, metadata, tags, updatedAt, stopped, deleteFailuresLeft - 1, task);
        }

        /** Starts a resize, a revert or a reboot. */
        Server withTask(Task newTask, Instant now) {
            return with(name, flavor, metadata, tags, now, stopped, deleteFailuresLeft, newTask);
        }

        /** A confirmed resize: the new flavor is the server's own, nothing is under way any more. */
        Server resizedTo(Flavor newFlavor, Instant now) {
            return with(name, newFlavor, metadata, tags, now, stopped, deleteFailuresLeft, null);
        }

        private Server with(
                String newName,
                Flavor newFlavor,
                Map<String, String> newMetadata,
                List<String> newTags,
                Instant newUpdatedAt,
                boolean newStopped,
                int newDeleteFailuresLeft,
                Task newTask) {
            return new Server(
                    id,
                    projectId,
                    userId,
                    newName,
                    newFlavor,
                    imageId,
                    keyName,
                    newMetadata,
                    newTags,
                    securityGroups,
                    createdAt,
                    newUpdatedAt,
                    builtAt,
                    fate,
                    newStopped,
                    portsCreatedForServer,
                    newDeleteFailuresLeft,
                    newTask);
        }
    }
}
