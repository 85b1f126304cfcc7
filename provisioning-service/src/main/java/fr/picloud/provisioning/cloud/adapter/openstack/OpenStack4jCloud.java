package fr.picloud.provisioning.cloud.adapter.openstack;

import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.ONCE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.SAFE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.COMPUTE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.IDENTITY;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.IMAGE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.NETWORK;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.VOLUME;

import fr.picloud.provisioning.saga.domain.Cloud;
import fr.picloud.provisioning.saga.domain.CloudException;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.ProjectQuota;
import fr.picloud.provisioning.saga.domain.Readiness;
import fr.picloud.provisioning.saga.domain.ResourceSpec;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openstack4j.api.Builders;
import org.openstack4j.api.exceptions.ResponseException;
import org.openstack4j.model.common.ActionResponse;
import org.openstack4j.model.compute.Flavor;
import org.openstack4j.model.compute.Keypair;
import org.openstack4j.model.compute.Server;
import org.openstack4j.model.compute.VolumeAttachment;
import org.openstack4j.model.identity.v3.Project;
import org.openstack4j.model.identity.v3.Role;
import org.openstack4j.model.image.v2.Image;
import org.openstack4j.model.network.AttachInterfaceType;
import org.openstack4j.model.network.IP;
import org.openstack4j.model.network.IPVersionType;
import org.openstack4j.model.network.NetFloatingIP;
import org.openstack4j.model.network.NetQuota;
import org.openstack4j.model.network.Network;
import org.openstack4j.model.network.Port;
import org.openstack4j.model.network.Resource;
import org.openstack4j.model.network.Router;
import org.openstack4j.model.network.RouterInterface;
import org.openstack4j.model.network.SecurityGroup;
import org.openstack4j.model.network.SecurityGroupRule;
import org.openstack4j.model.network.Subnet;
import org.openstack4j.model.network.options.PortListOptions;
import org.openstack4j.model.storage.block.BlockQuotaSet;
import org.openstack4j.model.storage.block.Volume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Cloud} over openstack4j. The platform service account creates each tenant's Keystone project
 * ({@code picloud-<tenant>}), takes the configured role in it and then works in it with a token scoped
 * to it; every call goes through {@link OpenStackGateway}, which binds the right token to the calling
 * thread just before the call. Resources carry the step's unique name (and, for Neutron resources, a
 * tag of the same value), which is how {@link #find} adopts what an interrupted attempt created.
 * Servers, volumes and key pairs are found by name only: Nova refuses tags at boot before
 * microversion 2.52 and retagging during BUILD.
 */
public final class OpenStack4jCloud implements Cloud {

    private static final Logger LOG = LoggerFactory.getLogger(OpenStack4jCloud.class);
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,60}");
    private static final String LOGICAL_PUBLIC_NETWORK = "public";

    private final OpenStackProperties properties;
    private final OpenStackGateway gateway;
    private final Map<String, String> projectIds = new ConcurrentHashMap<>();
    private final Map<String, ProjectQuota> appliedQuotas = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> tenantLocks = new ConcurrentHashMap<>();
    private final Map<String, String> imageIds = new ConcurrentHashMap<>();
    private final Map<String, String> externalNetworkIds = new ConcurrentHashMap<>();
    private volatile Map<String, Flavor> flavorsByName = Map.of();
    private volatile String roleId;

    OpenStack4jCloud(
            OpenStackProperties properties, OpenStackCredentials credentials, MeterRegistry meters, Clock clock) {
        this.properties = properties;
        this.gateway = new OpenStackGateway(credentials, properties, meters, clock);
    }

    /**
     * The adapter, logged in as {@code properties} says (blank login settings: OS_CLOUD, OS_*, then
     * the local emulator), without Spring. {@code meters} may be null.
     */
    public static OpenStack4jCloud create(OpenStackProperties properties, MeterRegistry meters) {
        OpenStackCredentials credentials = OpenStackCredentials.resolve(properties);
        LOG.info("OpenStack adapter logs in with {}", credentials);
        return new OpenStack4jCloud(properties, credentials, meters, Clock.systemUTC());
    }

    public static OpenStack4jCloud create(OpenStackProperties properties) {
        return create(properties, null);
    }

    /** The state of a service's circuit breaker ("compute", "network"...), for health and tests. */
    public CircuitBreaker.State circuitState(String serviceType) {
        for (OpenStackService service : OpenStackService.values()) {
            if (service.type().equals(serviceType)) {
                return gateway.circuitState(service);
            }
        }
        throw new IllegalArgumentException("unknown OpenStack service " + serviceType);
    }

    // ---- projects ----

    @Override
    public String ensureProject(String tenant, ProjectQuota quota) {
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

    // ---- resources ----

    @Override
    public Optional<CloudResource> find(String projectId, ResourceSpec spec) {
        return switch (spec.kind()) {
            case "network" -> findNetwork(projectId, spec.name());
            case "subnet" -> findSubnet(projectId, spec.name());
            case "router" -> findRouter(projectId, spec.name());
            case "router-interface" -> findRouterInterface(projectId, spec);
            case "security-group" -> findSecurityGroup(projectId, spec);
            case "keypair" -> findKeypair(projectId, spec.name());
            case "volume" -> findVolume(projectId, spec.name());
            case "server" -> findServer(projectId, spec);
            case "volume-attachment" -> findAttachment(projectId, spec);
            case "floating-ip" -> findFloatingIp(projectId, spec.name());
            default -> throw unknownKind(spec.kind());
        };
    }

    /**
     * Sends the create; when an attempt fails in a way worth retrying, the next attempt first looks for
     * what the failed one may have created (a lost answer is not a failed create), so no twin is made.
     */
    @Override
    public CloudResource create(String projectId, ResourceSpec spec) {
        AtomicBoolean firstAttempt = new AtomicBoolean(true);
        return gateway.retrying(() -> {
            if (!firstAttempt.getAndSet(false)) {
                Optional<CloudResource> earlier = find(projectId, spec);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            return createOnce(projectId, spec);
        });
    }

    private CloudResource createOnce(String projectId, ResourceSpec spec) {
        return switch (spec.kind()) {
            case "network" -> createNetwork(projectId, spec.name());
            case "subnet" -> createSubnet(projectId, spec);
            case "router" -> createRouter(projectId, spec);
            case "router-interface" -> createRouterInterface(projectId, spec);
            case "security-group" -> createSecurityGroup(projectId, spec);
            case "keypair" -> createKeypair(projectId, spec);
            case "volume" -> createVolume(projectId, spec);
            case "server" -> createServer(projectId, spec);
            case "volume-attachment" -> createAttachment(projectId, spec);
            case "floating-ip" -> createFloatingIp(projectId, spec);
            default -> throw unknownKind(spec.kind());
        };
    }

    @Override
    public Readiness readiness(String projectId, CloudResource resource) {
        return switch (resource.kind()) {
            case "network", "subnet", "router", "router-interface", "security-group", "keypair" ->
                new Readiness.Ready(resource);
            case "volume" -> volumeReadiness(projectId, resource);
            case "server" -> serverReadiness(projectId, resource);
            case "volume-attachment" -> attachmentReadiness(projectId, resource);
            case "floating-ip" -> floatingIpReadiness(projectId, resource);
            default -> throw unknownKind(resource.kind());
        };
    }

    @Override
    public boolean delete(String projectId, CloudResource resource) {
        String id = resource.id();
        return switch (resource.kind()) {
            case "network" ->
                deleteNeutron(
                        projectId,
                        "delete network",
                        c -> c.networking().network().delete(id));
            case "subnet" ->
                deleteNeutron(
                        projectId, "delete subnet", c -> c.networking().subnet().delete(id));
            case "router" ->
                deleteNeutron(
                        projectId, "delete router", c -> c.networking().router().delete(id));
            case "security-group" ->
                deleteNeutron(
                        projectId,
                        "delete security group",
                        c -> c.networking().securitygroup().delete(id));
            case "floating-ip" ->
                deleteNeutron(
                        projectId,
                        "delete floating ip",
                        c -> c.networking().floatingip().delete(id));
            case "router-interface" -> deleteRouterInterface(projectId, resource);
            case "keypair" ->
                gateway.inProject(projectId, COMPUTE, "delete key pair", SAFE, c -> {
                    requireSuccess(c.compute().keypairs().delete(id), COMPUTE, "delete key pair", true);
                    return true;
                });
            case "volume" -> deleteVolume(projectId, id);
            case "server" -> deleteServer(projectId, id);
            case "volume-attachment" -> deleteAttachment(projectId, resource);
            default -> throw unknownKind(resource.kind());
        };
    }

    // ---- network ----

    private Optional<CloudResource> findNetwork(String projectId, String name) {
        List<? extends Network> found = gateway.inProject(
                projectId,
                NETWORK,
                "find network",
                SAFE,
                c -> c.networking().network().list(Map.of("name", name)));
        return single(
                        found.stream()
                                .filter(n -> name.equals(n.getName()) && projectId.equals(n.getTenantId()))
                                .toList(),
                        "network",
                        name)
                .map(n -> new CloudResource("network", n.getId(), Map.of("name", name)));
    }

    private CloudResource createNetwork(String projectId, String name) {
        Network network = gateway.inProject(
                projectId,
                NETWORK,
                "create network",
                ONCE,
                c -> c.networking()
                        .network()
                        .create(Builders.network().name(name).adminStateUp(true).build()));
        tag(projectId, Resource.NETWORK, network.getId(), name);
        return new CloudResource("network", network.getId(), Map.of("name", name));
    }

    private Optional<CloudResource> findSubnet(String projectId, String name) {
        List<? extends Subnet> found = gateway.inProject(
                projectId,
                NETWORK,
                "find subnet",
                SAFE,
                c -> c.networking().subnet().list());
        return single(
                        found.stream()
                                .filter(s -> name.equals(s.getName()) && projectId.equals(s.getTenantId()))
                                .toList(),
                        "subnet",
                        name)
                .map(s -> subnetResource(s, name));
    }

    private CloudResource createSubnet(String projectId, ResourceSpec spec) {
        String networkId = spec.input("network").id();
        String cidr = requiredString(spec, "cidr");
        IPVersionType version = integer(spec, "ipVersion").orElse(4) == 6 ? IPVersionType.V6 : IPVersionType.V4;
        Subnet subnet = gateway.inProject(
                projectId,
                NETWORK,
                "create subnet",
                ONCE,
                c -> c.networking()
                        .subnet()
                        .create(Builders.subnet()
                                .name(spec.name())
                                .networkId(networkId)
                                .cidr(cidr)
                                .ipVersion(version)
                                .build()));
        tag(projectId, Resource.SUBNET, subnet.getId(), spec.name());
        return subnetResource(subnet, spec.name());
    }

    private static CloudResource subnetResource(Subnet subnet, String name) {
        return new CloudResource(
                "subnet",
                subnet.getId(),
                Map.of("name", name, "networkId", subnet.getNetworkId(), "cidr", String.valueOf(subnet.getCidr())));
    }

    private Optional<CloudResource> findRouter(String projectId, String name) {
        List<? extends Router> found = gateway.inProject(
                projectId,
                NETWORK,
                "find router",
                SAFE,
                c -> c.networking().router().list());
        return single(
                        found.stream()
                                .filter(r -> name.equals(r.getName()) && projectId.equals(r.getTenantId()))
                                .toList(),
                        "router",
                        name)
                .map(r -> new CloudResource("router", r.getId(), Map.of("name", name)));
    }

    private CloudResource createRouter(String projectId, String name, String externalNetworkId) {
        Router router = gateway.inProject(
                projectId,
                NETWORK,
                "create router",
                ONCE,
                c -> c.networking()
                        .router()
                        .create(Builders.router()
                                .name(name)
                                .adminStateUp(true)
                                .externalGateway(externalNetworkId)
                                .build()));
        tag(projectId, Resource.ROUTER, router.getId(), name);
        return new CloudResource(
                "router", router.getId(), Map.of("name", name, "externalNetworkId", externalNetworkId));
    }

    private CloudResource createRouter(String projectId, ResourceSpec spec) {
        return createRouter(projectId, spec.name(), externalNetworkId(projectId, string(spec, "externalNetwork")));
    }

    private Optional<CloudResource> findRouterInterface(String projectId, ResourceSpec spec) {
        String routerId = spec.input("router").id();
        String subnetId = spec.input("subnet").id();
        List<? extends Port> ports = gateway.inProject(
                projectId,
                NETWORK,
                "find router interface",
                SAFE,
                c -> c.networking().port().list(PortListOptions.create().deviceId(routerId)));
        return ports.stream()
                .filter(p -> routerId.equals(p.getDeviceId()))
                .filter(p -> onSubnet(p, subnetId))
                .findFirst()
                .map(p -> routerInterface(p.getId(), routerId, subnetId, spec.name()));
    }

    private static boolean onSubnet(Port port, String subnetId) {
        return port.getFixedIps() != null
                && port.getFixedIps().stream().map(IP::getSubnetId).anyMatch(subnetId::equals);
    }

    private CloudResource createRouterInterface(String projectId, ResourceSpec spec) {
        String routerId = spec.input("router").id();
        String subnetId = spec.input("subnet").id();
        RouterInterface attached = gateway.inProjectWhileBusy(
                projectId,
                NETWORK,
                "add router interface",
                ONCE,
                c -> c.networking().router().attachInterface(routerId, AttachInterfaceType.SUBNET, subnetId));
        if (attached == null || attached.getPortId() == null) {
            throw new CloudException(false, "OpenStack network call 'add router interface' answered no port");
        }
        tag(projectId, Resource.PORT, attached.getPortId(), spec.name());
        return routerInterface(attached.getPortId(), routerId, subnetId, spec.name());
    }

    private static CloudResource routerInterface(String portId, String routerId, String subnetId, String name) {
        return new CloudResource(
                "router-interface", portId, Map.of("name", name, "routerId", routerId, "subnetId", subnetId));
    }

    private boolean deleteRouterInterface(String projectId, CloudResource resource) {
        String routerId = required(resource, "routerId");
        String subnetId = required(resource, "subnetId");
        return gateway.inProjectWhileBusy(projectId, NETWORK, "remove router interface", SAFE, c -> {
            try {
                c.networking().router().detachInterface(routerId, subnetId, null);
            } catch (ResponseException e) {
                if (e.getStatus() != 404) {
                    throw e;
                }
            }
            return true;
        });
    }

    private Optional<CloudResource> findSecurityGroup(String projectId, ResourceSpec spec) {
        List<? extends SecurityGroup> found = gateway.inProject(
                projectId,
                NETWORK,
                "find security group",
                SAFE,
                c -> c.networking().securitygroup().list(Map.of("name", spec.name())));
        Optional<? extends SecurityGroup> group = single(
                found.stream()
                        .filter(g -> spec.name().equals(g.getName()) && projectId.equals(g.getTenantId()))
                        .toList(),
                "security group",
                spec.name());
        // an attempt interrupted between the group and its rules left it incomplete: adopting completes it
        group.ifPresent(g -> addRules(projectId, g.getId(), missing(rules(spec), g.getRules())));
        return group.map(g -> new CloudResource("security-group", g.getId(), Map.of("name", spec.name())));
    }

    private CloudResource createSecurityGroup(String projectId, ResourceSpec spec) {
        List<Rule> rules = rules(spec);
        SecurityGroup group = gateway.inProject(
                projectId,
                NETWORK,
                "create security group",
                ONCE,
                c -> c.networking()
                        .securitygroup()
                        .create(Builders.securityGroup()
                                .name(spec.name())
                                .description("PI Cloud " + spec.name())
                                .build()));
        tag(projectId, Resource.SECURITY_GROUP, group.getId(), spec.name());
        addRules(projectId, group.getId(), rules);
        return new CloudResource("security-group", group.getId(), Map.of("name", spec.name()));
    }

    /** One security group rule of the template. */
    private record Rule(String direction, String protocol, Integer portMin, Integer portMax, String remoteIpPrefix) {
        boolean matches(SecurityGroupRule rule) {
            return direction.equals(rule.getDirection())
                    && Objects.equals(protocol, rule.getProtocol())
                    && Objects.equals(portMin, rule.getPortRangeMin())
                    && Objects.equals(portMax, rule.getPortRangeMax())
                    && Objects.equals(remoteIpPrefix, rule.getRemoteIpPrefix());
        }
    }

    private static List<Rule> rules(ResourceSpec spec) {
        Object raw = spec.properties().get("rules");
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof Collection<?> items)) {
            throw new CloudException(false, "security group rules must be a list, got " + raw);
        }
        return items.stream()
                .map(item -> {
                    if (!(item instanceof Map<?, ?> rule)) {
                        throw new CloudException(false, "a security group rule must be an object, got " + item);
                    }
                    String direction = Objects.toString(rule.get("direction"), "ingress");
                    if (!direction.equals("ingress") && !direction.equals("egress")) {
                        throw new CloudException(
                                false, "security group rule direction must be ingress or egress: " + rule);
                    }
                    return new Rule(
                            direction,
                            rule.get("protocol") == null
                                    ? null
                                    : rule.get("protocol").toString(),
                            toInteger(rule.get("portMin"), "portMin"),
                            toInteger(rule.get("portMax"), "portMax"),
                            rule.get("remoteIpPrefix") == null
                                    ? null
                                    : rule.get("remoteIpPrefix").toString());
                })
                .toList();
    }

    private static List<Rule> missing(List<Rule> wanted, List<? extends SecurityGroupRule> existing) {
        List<? extends SecurityGroupRule> present = existing == null ? List.of() : existing;
        return wanted.stream()
                .filter(rule -> present.stream().noneMatch(rule::matches))
                .toList();
    }

    private void addRules(String projectId, String groupId, List<Rule> rules) {
        for (Rule rule : rules) {
            gateway.inProject(projectId, NETWORK, "add security group rule", SAFE, c -> {
                var builder = Builders.securityGroupRule()
                        .securityGroupId(groupId)
                        .direction(rule.direction())
                        .ethertype(
                                rule.remoteIpPrefix() != null
                                                && rule.remoteIpPrefix().contains(":")
                                        ? "IPv6"
                                        : "IPv4");
                if (rule.protocol() != null) {
                    builder = builder.protocol(rule.protocol());
                }
                if (rule.portMin() != null) {
                    builder = builder.portRangeMin(rule.portMin());
                }
                if (rule.portMax() != null) {
                    builder = builder.portRangeMax(rule.portMax());
                }
                if (rule.remoteIpPrefix() != null) {
                    builder = builder.remoteIpPrefix(rule.remoteIpPrefix());
                }
                try {
                    return c.networking().securityrule().create(builder.build());
                } catch (ResponseException e) {
                    if (e.getStatus() == 409) {
                        return null; // SecurityGroupRuleExists: an earlier attempt added it
                    }
                    throw e;
                }
            });
        }
    }

    private Optional<CloudResource> findFloatingIp(String projectId, String name) {
        List<? extends NetFloatingIP> found = gateway.inProject(
                projectId,
                NETWORK,
                "find floating ip",
                SAFE,
                c -> c.networking().floatingip().list());
        // floating IPs have no name: the description (set in the create itself) and the tag carry it
        return single(
                        found.stream()
                                .filter(f -> projectId.equals(f.getTenantId()))
                                .filter(f -> name.equals(f.getDescription())
                                        || (f.getTags() != null && f.getTags().contains(name)))
                                .toList(),
                        "floating IP",
                        name)
                .map(f -> floatingIpResource(f, name));
    }

    private CloudResource createFloatingIp(String projectId, ResourceSpec spec) {
        CloudResource server = spec.input("server");
        String portId = Optional.ofNullable(server.attribute("portId"))
                .orElseGet(() -> serverPort(projectId, server.id(), server.attribute("networkId"))
                        .orElseThrow(() -> new CloudException(
                                false, "server " + server.id() + " has no port to give a floating IP")));
        String externalNetworkId = externalNetworkId(projectId, string(spec, "network"));
        NetFloatingIP ip = gateway.inProject(
                projectId,
                NETWORK,
                "create floating ip",
                ONCE,
                c -> c.networking()
                        .floatingip()
                        .create(Builders.netFloatingIP()
                                .floatingNetworkId(externalNetworkId)
                                .portId(portId)
                                .description(spec.name())
                                .build()));
        tag(projectId, Resource.FLOATING_IP, ip.getId(), spec.name());
        return floatingIpResource(ip, spec.name());
    }

    private static CloudResource floatingIpResource(NetFloatingIP ip, String name) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("name", name);
        if (ip.getFloatingIpAddress() != null) {
            attributes.put("address", ip.getFloatingIpAddress());
        }
        if (ip.getPortId() != null) {
            attributes.put("portId", ip.getPortId());
        }
        return new CloudResource("floating-ip", ip.getId(), attributes);
    }

    private Readiness floatingIpReadiness(String projectId, CloudResource resource) {
        NetFloatingIP ip = gateway.inProject(
                projectId,
                NETWORK,
                "show floating ip",
                SAFE,
                c -> c.networking().floatingip().get(resource.id()));
        if (ip == null) {
            return new Readiness.Failed("floating IP " + resource.id() + " no longer exists");
        }
        if (ip.getFloatingIpAddress() == null) {
            return new Readiness.Pending(String.valueOf(ip.getStatus()));
        }
        return new Readiness.Ready(floatingIpResource(ip, Objects.toString(resource.attribute("name"), "")));
    }

    private String externalNetworkId(String projectId, String requested) {
        // the template's "public" is the logical external network: this cloud's is configured
        String name = requested == null || LOGICAL_PUBLIC_NETWORK.equals(requested)
                ? properties.externalNetwork()
                : requested;
        String known = externalNetworkIds.get(name);
        if (known != null) {
            return known;
        }
        List<? extends Network> found = gateway.inProject(
                projectId,
                NETWORK,
                "find external network",
                SAFE,
                c -> c.networking().network().list(Map.of("name", name)));
        String id = found.stream()
                .filter(n -> name.equals(n.getName()) && n.isRouterExternal())
                .map(Network::getId)
                .findFirst()
                .orElseThrow(() -> new CloudException(false, "no external network named '" + name + "' in the cloud"));
        externalNetworkIds.put(name, id);
        return id;
    }

    private boolean deleteNeutron(
            String projectId,
            String call,
            java.util.function.Function<org.openstack4j.api.OSClient.OSClientV3, ActionResponse> delete) {
        // a 409 here is a resource still in use by something being deleted (ports of a server...)
        return gateway.inProjectWhileBusy(projectId, NETWORK, call, SAFE, c -> {
            requireSuccess(delete.apply(c), NETWORK, call, true);
            return true;
        });
    }

    private void tag(String projectId, Resource resource, String id, String tag) {
        try {
            gateway.inProject(
                    projectId,
                    NETWORK,
                    "tag " + resource.name().toLowerCase(),
                    SAFE,
                    c -> requireSuccess(
                            c.networking().resourceTags().addSingle(resource, id, tag), NETWORK, "tag", false));
        } catch (CloudException e) {
            // the name alone finds it again; the tag is for people and sweeps
            LOG.warn("could not tag {} {} with {}: {}", resource, id, tag, e.getMessage());
        }
    }

    // ---- compute ----

    private Optional<CloudResource> findKeypair(String projectId, String name) {
        Keypair keypair = gateway.inProject(
                projectId,
                COMPUTE,
                "find key pair",
                SAFE,
                c -> c.compute().keypairs().get(name));
        return Optional.ofNullable(keypair).map(k -> keypairResource(k, name));
    }

    private CloudResource createKeypair(String projectId, ResourceSpec spec) {
        String publicKey = string(spec, "publicKey");
        Keypair keypair = gateway.inProject(
                projectId,
                COMPUTE,
                "create key pair",
                ONCE,
                c -> c.compute().keypairs().create(spec.name(), publicKey));
        return keypairResource(keypair, spec.name());
    }

    private static CloudResource keypairResource(Keypair keypair, String name) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("name", name);
        if (keypair.getFingerprint() != null) {
            attributes.put("fingerprint", keypair.getFingerprint());
        }
        return new CloudResource("keypair", name, attributes);
    }

    private Optional<CloudResource> findServer(String projectId, ResourceSpec spec) {
        String name = spec.name();
        List<? extends Server> found = gateway.inProject(
                projectId,
                COMPUTE,
                "find server",
                SAFE,
                c -> c.compute().servers().list(Map.of("name", "^" + regexQuote(name) + "$")));
        return single(
                        found.stream()
                                .filter(s -> name.equals(s.getName()))
                                .filter(s -> s.getTenantId() == null || projectId.equals(s.getTenantId()))
                                .filter(s -> s.getStatus() != Server.Status.DELETED)
                                .toList(),
                        "server",
                        name)
                .map(s -> serverResource(
                        projectId,
                        s,
                        Optional.ofNullable(spec.inputs().get("subnet"))
                                .map(subnet -> subnet.attribute("networkId"))
                                .orElse(null),
                        null));
    }

    private CloudResource createServer(String projectId, ResourceSpec spec) {
        Flavor flavor = flavor(projectId, requiredString(spec, "flavor"));
        String imageId = image(projectId, requiredString(spec, "image"));
        CloudResource subnet = spec.input("subnet");
        String networkId = Optional.ofNullable(subnet.attribute("networkId"))
                .orElseGet(() -> gateway.inProject(
                        projectId,
                        NETWORK,
                        "show subnet",
                        SAFE,
                        c -> Optional.ofNullable(c.networking().subnet().get(subnet.id()))
                                .map(Subnet::getNetworkId)
                                .orElseThrow(() -> new CloudException(false, "subnet " + subnet.id() + " is gone"))));
        var builder = Builders.server()
                .name(spec.name())
                .flavor(flavor.getId())
                .image(imageId)
                .networks(List.of(networkId));
        CloudResource group = spec.inputs().get("security-group");
        if (group != null) {
            builder = builder.addSecurityGroup(group.id());
        }
        CloudResource keypair = spec.inputs().get("keypair");
        if (keypair != null) {
            builder = builder.keypairName(keypair.id());
        }
        var request = builder.build();
        Server server = gateway.inProject(
                projectId,
                COMPUTE,
                "boot server",
                ONCE,
                c -> c.compute().servers().boot(request));
        return serverResource(projectId, server, networkId, flavor);
    }

    private CloudResource serverResource(String projectId, Server server, String networkId, Flavor knownFlavor) {
        Flavor flavor = knownFlavor != null ? knownFlavor : flavorById(projectId, server.getFlavorId());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("name", server.getName() == null ? "" : server.getName());
        if (flavor != null) {
            attributes.put("flavor", flavor.getName());
            attributes.put("vcpus", Integer.toString(flavor.getVcpus()));
            attributes.put(
                    "ramGb",
                    BigDecimal.valueOf(flavor.getRam())
                            .divide(BigDecimal.valueOf(1024))
                            .stripTrailingZeros()
                            .toPlainString());
        }
        if (networkId != null) {
            attributes.put("networkId", networkId);
        }
        return new CloudResource("server", server.getId(), attributes);
    }

    private Readiness serverReadiness(String projectId, CloudResource resource) {
        Server server = gateway.inProject(
                projectId,
                COMPUTE,
                "show server",
                SAFE,
                c -> c.compute().servers().get(resource.id()));
        if (server == null || server.getStatus() == Server.Status.DELETED) {
            return new Readiness.Failed("server " + resource.id() + " no longer exists");
        }
        return switch (server.getStatus()) {
            case ACTIVE -> {
                String networkId = resource.attribute("networkId");
                Optional<Port> port = serverPortDetails(projectId, server.getId(), networkId);
                Map<String, String> attributes = new LinkedHashMap<>(
                        serverResource(projectId, server, networkId, null).attributes());
                attributes.putAll(resource.attributes());
                port.ifPresent(p -> {
                    attributes.put("portId", p.getId());
                    attributes.put("networkId", p.getNetworkId());
                });
                yield new Readiness.Ready(new CloudResource("server", server.getId(), attributes));
            }
            case ERROR ->
                new Readiness.Failed("server " + resource.id() + " is in ERROR: "
                        + (server.getFault() != null ? server.getFault().getMessage() : "no fault reported"));
            default -> new Readiness.Pending(String.valueOf(server.getStatus()));
        };
    }

    private Optional<String> serverPort(String projectId, String serverId, String networkId) {
        return serverPortDetails(projectId, serverId, networkId).map(Port::getId);
    }

    private Optional<Port> serverPortDetails(String projectId, String serverId, String networkId) {
        List<? extends Port> ports = gateway.inProject(
                projectId,
                NETWORK,
                "find server port",
                SAFE,
                c -> c.networking().port().list(PortListOptions.create().deviceId(serverId)));
        return ports.stream()
                .filter(p -> serverId.equals(p.getDeviceId()))
                .sorted((a, b) -> Boolean.compare(
                        !Objects.equals(networkId, a.getNetworkId()), !Objects.equals(networkId, b.getNetworkId())))
                .map(p -> (Port) p)
                .findFirst();
    }

    private boolean deleteServer(String projectId, String id) {
        return gateway.inProjectWhileBusy(projectId, COMPUTE, "delete server", SAFE, c -> {
            if (!requireSuccess(c.compute().servers().delete(id), COMPUTE, "delete server", true)) {
                return true;
            }
            // Nova deletes asynchronously: gone only once it answers 404
            Server left = c.compute().servers().get(id);
            return left == null || left.getStatus() == Server.Status.DELETED;
        });
    }

    private Flavor flavor(String projectId, String name) {
        Flavor flavor = flavorsByName.get(name);
        if (flavor == null) {
            loadFlavors(projectId);
            flavor = flavorsByName.get(name);
        }
        if (flavor == null) {
            throw new CloudException(
                    false,
                    "unknown flavor '" + name + "': the cloud offers "
                            + flavorsByName.keySet().stream().sorted().collect(Collectors.joining(", ")));
        }
        return flavor;
    }

    private Flavor flavorById(String projectId, String id) {
        if (id == null) {
            return null;
        }
        Supplier<Optional<Flavor>> lookup = () -> flavorsByName.values().stream()
                .filter(f -> id.equals(f.getId()))
                .findFirst();
        return lookup.get()
                .or(() -> {
                    loadFlavors(projectId);
                    return lookup.get();
                })
                .orElse(null);
    }

    private void loadFlavors(String projectId) {
        List<? extends Flavor> flavors = gateway.inProject(
                projectId,
                COMPUTE,
                "list flavors",
                SAFE,
                c -> c.compute().flavors().list());
        flavorsByName = flavors.stream().collect(Collectors.toUnmodifiableMap(Flavor::getName, f -> f, (a, b) -> a));
    }

    private String image(String projectId, String alias) {
        String known = imageIds.get(alias);
        if (known != null) {
            return known;
        }
        String glanceName = properties.images().getOrDefault(alias, alias);
        Optional<String> id = imageNamed(projectId, glanceName);
        if (id.isEmpty() && !glanceName.equals(alias)) {
            id = imageNamed(projectId, alias);
        }
        String imageId = id.orElseThrow(() -> new CloudException(
                false,
                "unknown image '" + alias + "'"
                        + (glanceName.equals(alias) ? "" : " (Glance image '" + glanceName + "')")
                        + ": no such image in the cloud; map it with picloud.openstack.images." + alias));
        imageIds.put(alias, imageId);
        return imageId;
    }

    private Optional<String> imageNamed(String projectId, String name) {
        List<? extends Image> images = gateway.inProject(
                projectId, IMAGE, "find image", SAFE, c -> c.imagesV2().list(Map.of("name", name)));
        return images.stream()
                .filter(i -> name.equals(i.getName()))
                .map(Image::getId)
                .findFirst();
    }

    // ---- block storage ----

    private Optional<CloudResource> findVolume(String projectId, String name) {
        List<? extends Volume> found = gateway.inProject(
                projectId,
                VOLUME,
                "find volume",
                SAFE,
                c -> c.blockStorage().volumes().list(Map.of("name", name)));
        return single(
                        found.stream()
                                .filter(v -> name.equals(v.getName()))
                                .filter(v -> v.getStatus() != Volume.Status.DELETING)
                                .toList(),
                        "volume",
                        name)
                .map(v -> volumeResource(v, name));
    }

    private CloudResource createVolume(String projectId, ResourceSpec spec) {
        int sizeGb = integer(spec, "sizeGb")
                .filter(size -> size > 0)
                .orElseThrow(() -> new CloudException(
                        false,
                        "a volume needs a positive sizeGb, got "
                                + spec.properties().get("sizeGb")));
        Volume volume = gateway.inProject(
                projectId,
                VOLUME,
                "create volume",
                ONCE,
                c -> c.blockStorage()
                        .volumes()
                        .create(Builders.volume()
                                .name(spec.name())
                                .size(sizeGb)
                                .description("PI Cloud " + spec.name())
                                .build()));
        return volumeResource(volume, spec.name());
    }

    private static CloudResource volumeResource(Volume volume, String name) {
        return new CloudResource(
                "volume", volume.getId(), Map.of("name", name, "sizeGb", Integer.toString(volume.getSize())));
    }

    private Readiness volumeReadiness(String projectId, CloudResource resource) {
        Volume volume = volume(projectId, resource.id());
        if (volume == null) {
            return new Readiness.Failed("volume " + resource.id() + " no longer exists");
        }
        return switch (volume.getStatus()) {
            case AVAILABLE, IN_USE ->
                new Readiness.Ready(
                        volumeResource(volume, Objects.toString(resource.attribute("name"), volume.getName())));
            case ERROR, ERROR_DELETING, ERROR_RESTORING ->
                new Readiness.Failed("volume " + resource.id() + " is in status "
                        + volume.getStatus().value());
            default -> new Readiness.Pending(String.valueOf(volume.getStatus().value()));
        };
    }

    private Volume volume(String projectId, String id) {
        return gateway.inProject(
                projectId,
                VOLUME,
                "show volume",
                SAFE,
                c -> c.blockStorage().volumes().get(id));
    }

    private boolean deleteVolume(String projectId, String id) {
        return gateway.inProjectWhileBusy(projectId, VOLUME, "delete volume", SAFE, c -> {
            ActionResponse response = c.blockStorage().volumes().delete(id);
            if (!response.isSuccess() && response.getCode() == 400) {
                // "Volume status must be available or error...": still attached or detaching
                throw OpenStackFailure.ofStatus(VOLUME, "delete volume", 409, response.getFault(), true, null);
            }
            if (!requireSuccess(response, VOLUME, "delete volume", true)) {
                return true;
            }
            Volume left = c.blockStorage().volumes().get(id);
            return left == null;
        });
    }

    // ---- attachments ----

    private Optional<CloudResource> findAttachment(String projectId, ResourceSpec spec) {
        String serverId = spec.input("server").id();
        String volumeId = spec.input("volume").id();
        Volume volume = volume(projectId, volumeId);
        if (volume == null || volume.getAttachments() == null) {
            return Optional.empty();
        }
        return volume.getAttachments().stream()
                .filter(a -> serverId.equals(a.getServerId()))
                .findFirst()
                .map(a -> attachmentResource(volumeId, serverId, spec.name()));
    }

    private CloudResource createAttachment(String projectId, ResourceSpec spec) {
        String serverId = spec.input("server").id();
        String volumeId = spec.input("volume").id();
        VolumeAttachment attachment = gateway.inProjectWhileBusy(
                projectId,
                COMPUTE,
                "attach volume",
                ONCE,
                c -> c.compute().servers().attachVolume(serverId, volumeId, null));
        if (attachment == null) {
            throw new CloudException(false, "OpenStack compute call 'attach volume' answered nothing");
        }
        return attachmentResource(volumeId, serverId, spec.name());
    }

    /** Nova names an attachment by its volume's id. */
    private static CloudResource attachmentResource(String volumeId, String serverId, String name) {
        return new CloudResource(
                "volume-attachment", volumeId, Map.of("name", name, "serverId", serverId, "volumeId", volumeId));
    }

    private Readiness attachmentReadiness(String projectId, CloudResource resource) {
        String serverId = required(resource, "serverId");
        Volume volume = volume(projectId, required(resource, "volumeId"));
        if (volume == null) {
            return new Readiness.Failed("volume " + resource.attribute("volumeId") + " no longer exists");
        }
        boolean attached = volume.getAttachments() != null
                && volume.getAttachments().stream().anyMatch(a -> serverId.equals(a.getServerId()));
        if (volume.getStatus() == Volume.Status.IN_USE && attached) {
            return new Readiness.Ready(resource);
        }
        if (volume.getStatus() == Volume.Status.ERROR) {
            return new Readiness.Failed("volume " + volume.getId() + " is in status "
                    + volume.getStatus().value());
        }
        if (volume.getStatus() == Volume.Status.AVAILABLE && !attached) {
            return new Readiness.Failed("volume " + volume.getId() + " was not attached to server " + serverId);
        }
        return new Readiness.Pending(volume.getStatus().value());
    }

    private boolean deleteAttachment(String projectId, CloudResource resource) {
        String serverId = required(resource, "serverId");
        String volumeId = required(resource, "volumeId");
        gateway.inProjectWhileBusy(
                projectId,
                COMPUTE,
                "detach volume",
                SAFE,
                c -> requireSuccess(
                        c.compute().servers().detachVolume(serverId, volumeId), COMPUTE, "detach volume", true));
        Volume volume = volume(projectId, volumeId);
        if (volume == null || volume.getStatus() == Volume.Status.AVAILABLE) {
            return true;
        }
        boolean stillAttached = volume.getAttachments() != null
                && volume.getAttachments().stream().anyMatch(a -> serverId.equals(a.getServerId()));
        if (!stillAttached) {
            return true;
        }
        Server server = gateway.inProject(
                projectId,
                COMPUTE,
                "show server",
                SAFE,
                c -> c.compute().servers().get(serverId));
        return server == null;
    }

    // ---- helpers ----

    /**
     * True when the action succeeded; false for a 404 when {@code notFoundMeansGone}; otherwise the
     * failure as an {@link OpenStackFailure}.
     */
    private static boolean requireSuccess(
            ActionResponse response, OpenStackService service, String call, boolean notFoundMeansGone) {
        if (response == null || response.isSuccess()) {
            return true;
        }
        if (response.getCode() == 404 && notFoundMeansGone) {
            return false;
        }
        throw OpenStackFailure.ofStatus(service, call, response.getCode(), response.getFault(), false, null);
    }

    private static <T> Optional<T> single(List<T> matches, String what, String name) {
        if (matches.size() > 1) {
            LOG.warn(
                    "{} {} exists {} times: adopting the first, the others are twins to sweep",
                    what,
                    name,
                    matches.size());
        }
        return matches.stream().findFirst();
    }

    private static String regexQuote(String name) {
        return name.replaceAll("([\\\\.\\[\\]{}()*+?^$|])", "\\\\$1");
    }

    private static String string(ResourceSpec spec, String property) {
        Object value = spec.properties().get(property);
        return value == null ? null : value.toString();
    }

    private static String requiredString(ResourceSpec spec, String property) {
        String value = string(spec, property);
        if (value == null || value.isBlank()) {
            throw new CloudException(false, "a " + spec.kind() + " needs the property " + property);
        }
        return value;
    }

    private static Optional<Integer> integer(ResourceSpec spec, String property) {
        return Optional.ofNullable(toInteger(spec.properties().get(property), property));
    }

    private static Integer toInteger(Object value, String property) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return Integer.valueOf(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new CloudException(false, property + " must be a whole number, got '" + value + "'");
        }
    }

    private static String required(CloudResource resource, String attribute) {
        String value = resource.attribute(attribute);
        if (value == null) {
            throw new CloudException(false, "the " + resource.kind() + " " + resource.id() + " lacks " + attribute);
        }
        return value;
    }

    private static CloudException unknownKind(String kind) {
        return new CloudException(false, "unknown resource kind '" + kind + "'");
    }

    /** A quota raised to at least {@code wanted}; an unlimited one (negative) stays unlimited. */
    private static int atLeast(int wanted, int current) {
        return current < 0 ? current : Math.max(wanted, current);
    }
}
