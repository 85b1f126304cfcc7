package fr.picloud.provisioning.cloud.adapter.openstack;

import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.ONCE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.SAFE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.requireSuccess;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.COMPUTE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.IDENTITY;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.NETWORK;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.VOLUME;

import fr.picloud.provisioning.saga.domain.CloudException;
import fr.picloud.provisioning.saga.domain.ProjectQuota;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.openstack4j.api.Builders;
import org.openstack4j.model.identity.v3.Project;
import org.openstack4j.model.identity.v3.Role;
import org.openstack4j.model.network.NetQuota;
import org.openstack4j.model.storage.block.BlockQuotaSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each tenant's Keystone project ({@code picloud-<tenant>}), created by the platform's service account
 * on first use, which then takes the configured role in it; its Nova, Cinder and Neutron quotas set
 * from the tenant's quota. Found again (not created twice) by a concurrent caller or instance.
 */
final class TenantProjects {

    private static final Logger LOG = LoggerFactory.getLogger(TenantProjects.class);
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,60}");

    private final OpenStackProperties properties;
    private final OpenStackGateway gateway;
    private final Map<String, String> projectIds = new ConcurrentHashMap<>();
    private final Map<String, ProjectQuota> appliedQuotas = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> tenantLocks = new ConcurrentHashMap<>();
    private volatile String roleId;

    TenantProjects(OpenStackProperties properties, OpenStackGateway gateway) {
        this.properties = properties;
        this.gateway = gateway;
    }

    String ensureProject(String tenant, ProjectQuota quota) {
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            throw new CloudException(false, "tenant '" + tenant + "' cannot name an OpenStack project");
        }
        ReentrantLock lock = tenantLocks.computeIfAbsent(tenant, t -> new ReentrantLock());
        lock.lock();
        try {
            String projectId = projectIds.get(tenant);
            if (projectId == null) {
                String name = properties.tenants().projectPrefix() + tenant;
                String found = gateway.retrying(() -> findProject(name).orElseGet(() -> createProject(name, tenant)));
                grantServiceAccountRole(found);
                projectIds.put(tenant, found);
                projectId = found;
            }
            if (quota != null && !quota.equals(appliedQuotas.get(projectId))) {
                applyQuota(projectId, quota);
                appliedQuotas.put(projectId, quota);
            }
            return projectId;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the project is still in the cloud; a gone one is forgotten, so the tenant's next order makes it again. */
    boolean projectExists(String projectId) {
        boolean exists = gateway.asPlatform(
                IDENTITY,
                "show project",
                SAFE,
                client -> client.identity().projects().get(projectId) != null);
        if (!exists) {
            projectIds.values().remove(projectId);
            appliedQuotas.remove(projectId);
        }
        return exists;
    }

    private Optional<String> findProject(String name) {
        return gateway.asPlatform(
                IDENTITY,
                "find project",
                SAFE,
                client -> Optional.ofNullable(client.identity()
                                .projects()
                                .getByName(name, properties.tenants().domainId()))
                        .map(Project::getId));
    }

    private String createProject(String name, String tenant) {
        try {
            return gateway.asPlatform(
                    IDENTITY,
                    "create project",
                    ONCE,
                    client -> client.identity()
                            .projects()
                            .create(Builders.project()
                                    .name(name)
                                    .domainId(properties.tenants().domainId())
                                    .description("PI Cloud tenant " + tenant)
                                    .enabled(true)
                                    .build())
                            .getId());
        } catch (OpenStackFailure e) {
            if (e.status() == 409) {
                // another instance (or thread) created it between our look and our create
                return findProject(name)
                        .orElseThrow(() -> new CloudException(
                                true, "project " + name + " exists (409) but cannot be found yet", e));
            }
            throw e;
        }
    }

    private void grantServiceAccountRole(String projectId) {
        String role = roleId();
        String userId = gateway.platformUserId();
        gateway.asPlatform(
                IDENTITY,
                "grant role",
                SAFE,
                client -> requireSuccess(
                        client.identity().roles().grantProjectUserRole(projectId, userId, role),
                        IDENTITY,
                        "grant role",
                        false));
    }

    private String roleId() {
        String known = roleId;
        if (known != null) {
            return known;
        }
        String wanted = properties.tenants().role();
        List<String> candidates = "member".equals(wanted) ? List.of("member", "_member_") : List.of(wanted);
        for (String candidate : candidates) {
            List<? extends Role> roles = gateway.asPlatform(
                    IDENTITY,
                    "find role",
                    SAFE,
                    client -> client.identity().roles().getByName(candidate));
            if (roles != null && !roles.isEmpty()) {
                roleId = roles.getFirst().getId();
                return roleId;
            }
        }
        throw new CloudException(false, "the cloud has no role named " + String.join(" or ", candidates));
    }

    /** Room for the key pairs the platform's service account makes, one per order, across all tenants. */
    static final int PLATFORM_KEY_PAIRS = 1_000_000;

    private void applyQuota(String projectId, ProjectQuota quota) {
        gateway.asPlatform(
                COMPUTE,
                "set compute quota",
                SAFE,
                client -> client.compute()
                        .quotaSets()
                        .updateForTenant(
                                projectId,
                                Builders.quotaSet()
                                        .cores(quota.vcpus())
                                        .ram(quota.ramGb() * 1024)
                                        .instances(quota.instances())
                                        // key pairs count per user, and the platform's account owns every
                                        // tenant's: Nova's default of 100 would stop it at its 101st order
                                        .keyPairs(PLATFORM_KEY_PAIRS)
                                        .build()));
        gateway.asPlatform(VOLUME, "set volume quota", SAFE, client -> {
            BlockQuotaSet current = client.blockStorage().quotaSets().get(projectId);
            // the model has no "unset": keep the other limits as they are
            return client.blockStorage()
                    .quotaSets()
                    .updateForTenant(
                            projectId,
                            Builders.blockQuotaSet()
                                    // a stack has a data volume per instance: room for as many volumes as instances
                                    .volumes(
                                            current == null
                                                    ? Math.max(quota.instances(), 10)
                                                    : atLeast(quota.instances(), current.getVolumes()))
                                    .snapshots(current == null ? -1 : current.getSnapshots())
                                    .gigabytes(quota.volumeGb())
                                    .build());
        });
        gateway.asPlatform(NETWORK, "set network quota", SAFE, client -> {
            NetQuota current = client.networking().quotas().get(projectId);
            // every order of a stack template builds its own network, router and security group: a
            // tenant allowed N instances needs room for N of each (Neutron's default is 10 routers)
            int stacks = quota.instances();
            NetQuota wanted = (current == null ? Builders.netQuota() : current.toBuilder())
                    .floatingIP(quota.floatingIps())
                    .network(atLeast(stacks, current == null ? 0 : current.getNetwork()))
                    .subnet(atLeast(stacks, current == null ? 0 : current.getSubnet()))
                    .router(atLeast(stacks, current == null ? 0 : current.getRouter()))
                    .securityGroup(atLeast(stacks + 1, current == null ? 0 : current.getSecurityGroup()))
                    .securityGroupRule(atLeast(10 * (stacks + 1), current == null ? 0 : current.getSecurityGroupRule()))
                    .port(atLeast(5 * stacks, current == null ? 0 : current.getPort()))
                    .build();
            return client.networking().quotas().updateForTenant(projectId, wanted);
        });
        LOG.info("quota of project {} set to {}", projectId, quota);
    }

    /** A quota raised to at least {@code wanted}; an unlimited one (negative) stays unlimited. */
    private static int atLeast(int wanted, int current) {
        return current < 0 ? current : Math.max(wanted, current);
    }
}
