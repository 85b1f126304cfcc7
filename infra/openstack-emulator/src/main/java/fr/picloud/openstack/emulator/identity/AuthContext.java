package fr.picloud.openstack.emulator.identity;

import java.util.List;

/** Who is calling: what a validated, project-scoped token says. */
public record AuthContext(
        String tokenId, String userId, String userName, String projectId, String projectName, List<String> roleNames) {

    public boolean isAdmin() {
        return roleNames.contains("admin");
    }

    /** Whether the caller may see a resource owned by this project; admins see every project's. */
    public boolean canSee(String ownerProjectId) {
        return isAdmin() || projectId.equals(ownerProjectId);
    }
}
