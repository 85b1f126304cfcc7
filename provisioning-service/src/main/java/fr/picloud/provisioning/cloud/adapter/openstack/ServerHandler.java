package fr.picloud.provisioning.cloud.adapter.openstack;

import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.ONCE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.SAFE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.requireSuccess;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.requiredString;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.single;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.COMPUTE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.IMAGE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.NETWORK;

import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.provisioning.saga.domain.CloudException;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.Readiness;
import fr.picloud.provisioning.saga.domain.ResourceSpec;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.openstack4j.api.Builders;
import org.openstack4j.model.compute.Flavor;
import org.openstack4j.model.compute.Server;
import org.openstack4j.model.image.v2.Image;
import org.openstack4j.model.network.Port;
import org.openstack4j.model.network.Subnet;

/**
 * A Nova server booted on the step's subnet with its security group and key pair: ready once ACTIVE
 * (with its port and network), gone once Nova answers 404. Found by name only: Nova refuses tags at
 * boot before microversion 2.52 and retagging during BUILD. Flavors and images are looked up by name
 * (images through {@code picloud.openstack.images}) and cached.
 */
final class ServerHandler implements ResourceHandler {

    private final OpenStackGateway gateway;
    private final NeutronSupport neutron;
    private final Map<String, String> imageAliases;
    private final Map<String, String> imageIds = new ConcurrentHashMap<>();
    private volatile Map<String, Flavor> flavorsByName = Map.of();

    ServerHandler(OpenStackGateway gateway, NeutronSupport neutron, Map<String, String> imageAliases) {
        this.gateway = gateway;
        this.neutron = neutron;
        this.imageAliases = Map.copyOf(imageAliases);
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.SERVER;
    }

    @Override
    public Optional<CloudResource> find(String projectId, ResourceSpec spec) {
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
                .map(s -> resource(
                        projectId,
                        s,
                        Optional.ofNullable(spec.inputs().get(ResourceKind.SUBNET.wireName()))
                                .map(subnet -> subnet.attribute("networkId"))
                                .orElse(null),
                        null));
    }

    @Override
    public CloudResource create(String projectId, ResourceSpec spec) {
        Flavor flavor = flavor(projectId, requiredString(spec, "flavor"));
        String imageId = image(projectId, requiredString(spec, "image"));
        CloudResource subnet = spec.input(ResourceKind.SUBNET.wireName());
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
        CloudResource group = spec.inputs().get(ResourceKind.SECURITY_GROUP.wireName());
        if (group != null) {
            builder = builder.addSecurityGroup(group.id());
        }
        CloudResource keypair = spec.inputs().get(ResourceKind.KEYPAIR.wireName());
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
        return resource(projectId, server, networkId, flavor);
    }

    @Override
    public Readiness readiness(String projectId, CloudResource resource) {
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
                Optional<Port> port = neutron.serverPort(projectId, server.getId(), networkId);
                Map<String, String> attributes = new LinkedHashMap<>(
                        resource(projectId, server, networkId, null).attributes());
                attributes.putAll(resource.attributes());
                port.ifPresent(p -> {
                    attributes.put("portId", p.getId());
                    attributes.put("networkId", p.getNetworkId());
                });
                yield new Readiness.Ready(new CloudResource(kind().wireName(), server.getId(), attributes));
            }
            case ERROR ->
                new Readiness.Failed("server " + resource.id() + " is in ERROR: "
                        + (server.getFault() != null ? server.getFault().getMessage() : "no fault reported"));
            default -> new Readiness.Pending(String.valueOf(server.getStatus()));
        };
    }

    @Override
    public boolean delete(String projectId, CloudResource resource) {
        String id = resource.id();
        return gateway.inProjectWhileBusy(projectId, COMPUTE, "delete server", SAFE, c -> {
            if (!requireSuccess(c.compute().servers().delete(id), COMPUTE, "delete server", true)) {
                return true;
            }
            // Nova deletes asynchronously: gone only once it answers 404
            Server left = c.compute().servers().get(id);
            return left == null || left.getStatus() == Server.Status.DELETED;
        });
    }

    /** A server as the saga records it (name, flavor with its vCPUs and RAM), for the day-2 handlers. */
    CloudResource describe(String projectId, Server server) {
        return resource(projectId, server, null, null);
    }

    /** The flavor of that name, from the cached list; an unknown name is a failure no retry mends. */
    Flavor flavorNamed(String projectId, String name) {
        return flavor(projectId, name);
    }

    private CloudResource resource(String projectId, Server server, String networkId, Flavor knownFlavor) {
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
        return new CloudResource(kind().wireName(), server.getId(), attributes);
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
        String glanceName = imageAliases.getOrDefault(alias, alias);
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

    private static String regexQuote(String name) {
        return name.replaceAll("([\\\\.\\[\\]{}()*+?^$|])", "\\\\$1");
    }
}
