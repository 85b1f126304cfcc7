package fr.picloud.openstack.emulator.identity;

import java.time.Instant;
import java.util.List;

/** Keystone's resources, immutable; an update replaces the record in its map. */
final class IdentityRecords {

    private IdentityRecords() {}

    record Domain(String id, String name, String description, boolean enabled) {}

    record Project(String id, String name, String domainId, String description, boolean enabled) {
        Project withChanges(String newName, String newDescription, boolean newEnabled) {
            return new Project(id, newName, domainId, newDescription, newEnabled);
        }
    }

    record User(
            String id,
            String name,
            String domainId,
            String password,
            boolean enabled,
            String defaultProjectId,
            String email) {
        User withChanges(String newName, String newPassword, boolean newEnabled, String newDefaultProjectId) {
            return new User(id, newName, domainId, newPassword, newEnabled, newDefaultProjectId, email);
        }
    }

    record Role(String id, String name, String description) {}

    /** A role given to a user on a project (the only scope PI Cloud assigns roles on). */
    record Assignment(String userId, String projectId, String roleId) {}

    record ApplicationCredential(
            String id,
            String name,
            String userId,
            String projectId,
            String secret,
            List<String> roleIds,
            String description,
            Instant expiresAt,
            boolean unrestricted) {}

    record Token(
            String id,
            String userId,
            String projectId,
            List<String> roleIds,
            List<String> methods,
            Instant issuedAt,
            Instant expiresAt,
            String auditId,
            String applicationCredentialId) {}
}
