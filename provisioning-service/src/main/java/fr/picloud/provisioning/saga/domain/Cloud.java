package fr.picloud.provisioning.saga.domain;

import java.util.Optional;

/**
 * The cloud as the saga sees it. Every call works in one tenant's project, with a token scoped to
 * that project: an implementation must make it impossible for a call to run under another project's
 * credentials. Calls are synchronous and short: waiting for a server to build is the saga's business
 * (it asks {@link #readiness} again later), never a blocked thread.
 */
public interface Cloud {

    /**
     * The tenant's project, created on first use (with the quota when given, else the cloud's
     * defaults) and found again on every later call, including by a concurrent caller.
     *
     * @return the project id
     */
    String ensureProject(String tenant, ProjectQuota quota);

    /** What an earlier attempt of this step created, found by the spec's name or tag. */
    Optional<CloudResource> find(String projectId, ResourceSpec spec);

    /** Sends the create call; the resource may not be ready yet. */
    CloudResource create(String projectId, ResourceSpec spec);

    /** Whether the resource is ready (server ACTIVE, volume available, attachment in use). */
    Readiness readiness(String projectId, CloudResource resource);

    /**
     * Deletes the resource (detaches an attachment, removes a router interface).
     *
     * @return true once it is gone (already gone counts), false while the cloud is still deleting it
     */
    boolean delete(String projectId, CloudResource resource);

    /**
     * Whether the project is still in the cloud, asked as the platform account (a project's own
     * login fails once it is gone). A project that is gone took its resources with it.
     */
    boolean projectExists(String projectId);
}
