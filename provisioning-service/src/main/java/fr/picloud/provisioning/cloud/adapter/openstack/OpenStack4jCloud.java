package fr.picloud.provisioning.cloud.adapter.openstack;

import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.provisioning.saga.domain.Cloud;
import fr.picloud.provisioning.saga.domain.CloudException;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.ProjectQuota;
import fr.picloud.provisioning.saga.domain.Readiness;
import fr.picloud.provisioning.saga.domain.ResourceSpec;
import fr.picloud.provisioning.saga.domain.StepCatalogue;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Cloud} over openstack4j: the tenant's project ({@link TenantProjects}) and one
 * {@link ResourceHandler} per kind of the {@link StepCatalogue}, registered below in its order. The
 * platform service account works in each tenant's project with a token scoped to it; every call goes
 * through {@link OpenStackGateway}, which binds the right token to the calling thread just before the
 * call. Resources carry the step's unique name (and, for Neutron resources, a tag of the same value),
 * which is how {@link #find} adopts what an interrupted attempt created.
 */
public final class OpenStack4jCloud implements Cloud {

    private static final Logger LOG = LoggerFactory.getLogger(OpenStack4jCloud.class);

    private final OpenStackGateway gateway;
    private final TenantProjects projects;
    private final Map<ResourceKind, ResourceHandler> handlers;

    OpenStack4jCloud(
            OpenStackProperties properties, OpenStackCredentials credentials, MeterRegistry meters, Clock clock) {
        this.gateway = new OpenStackGateway(credentials, properties, meters, clock);
        this.projects = new TenantProjects(properties, gateway);
        NeutronSupport neutron = new NeutronSupport(gateway, properties.externalNetwork());
        VolumeHandler volumes = new VolumeHandler(gateway);
        ServerHandler servers = new ServerHandler(gateway, neutron, properties.images());
        this.handlers = register(List.of(
                new NetworkHandler(gateway, neutron),
                new SubnetHandler(gateway, neutron),
                new RouterHandler(gateway, neutron),
                new RouterInterfaceHandler(gateway, neutron),
                new SecurityGroupHandler(gateway, neutron),
                new KeypairHandler(gateway),
                volumes,
                servers,
                new VolumeAttachmentHandler(gateway, volumes),
                new FloatingIpHandler(gateway, neutron),
                new ServerResizeHandler(gateway, servers),
                new VolumeExtendHandler(gateway, volumes),
                new ServerPowerHandler(gateway, servers),
                new VolumeSnapshotHandler(gateway)));
    }

    /** One handler for each step of the catalogue but the project's, which {@link TenantProjects} takes. */
    static Map<ResourceKind, ResourceHandler> register(List<ResourceHandler> handlers) {
        Map<ResourceKind, ResourceHandler> byKind = new EnumMap<>(ResourceKind.class);
        for (ResourceHandler handler : handlers) {
            if (byKind.put(handler.kind(), handler) != null) {
                throw new IllegalStateException("two handlers for resource kind " + handler.kind());
            }
        }
        for (StepCatalogue.Step step : StepCatalogue.steps()) {
            if (step.kind() != ResourceKind.PROJECT && !byKind.containsKey(step.kind())) {
                throw new IllegalStateException("no handler for the saga step " + step.kind());
            }
        }
        return byKind;
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

    @Override
    public String ensureProject(String tenant, ProjectQuota quota) {
        return projects.ensureProject(tenant, quota);
    }

    @Override
    public boolean projectExists(String projectId) {
        return projects.projectExists(projectId);
    }

    @Override
    public Optional<CloudResource> find(String projectId, ResourceSpec spec) {
        return handler(spec.kind()).find(projectId, spec);
    }

    /**
     * Sends the create; when an attempt fails in a way worth retrying, the next attempt first looks for
     * what the failed one may have created (a lost answer is not a failed create), so no twin is made.
     */
    @Override
    public CloudResource create(String projectId, ResourceSpec spec) {
        ResourceHandler handler = handler(spec.kind());
        AtomicBoolean firstAttempt = new AtomicBoolean(true);
        return gateway.retrying(() -> {
            if (!firstAttempt.getAndSet(false)) {
                Optional<CloudResource> earlier = handler.find(projectId, spec);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            return handler.create(projectId, spec);
        });
    }

    @Override
    public Readiness readiness(String projectId, CloudResource resource) {
        return handler(resource.kind()).readiness(projectId, resource);
    }

    @Override
    public boolean delete(String projectId, CloudResource resource) {
        return handler(resource.kind()).delete(projectId, resource);
    }

    private ResourceHandler handler(String kind) {
        return ResourceKind.ofWireName(kind)
                .map(handlers::get)
                .orElseThrow(() -> new CloudException(false, "unknown resource kind '" + kind + "'"));
    }
}
