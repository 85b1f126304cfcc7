package fr.picloud.provisioning.cloud.adapter.openstack;

import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.SAFE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.requireSuccess;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.requiredString;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.COMPUTE;

import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.provisioning.saga.domain.CloudException;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.OperationPlanner;
import fr.picloud.provisioning.saga.domain.Readiness;
import fr.picloud.provisioning.saga.domain.ResourceSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.openstack4j.model.compute.Server;

/**
 * A server resized to another flavor: Nova's resize, then its confirmation once the server waits in
 * {@code VERIFY_RESIZE}; done when the server is ACTIVE (or SHUTOFF, if it was stopped) with the new
 * flavor. Undone by reverting a resize that waits for its confirmation, or by resizing back to the
 * flavor it had. The step's resource is the server itself, with {@code flavor} (the new one) and
 * {@code fromFlavor}: a step found again after a crash reads the server's state and carries on.
 */
final class ServerResizeHandler implements ResourceHandler {

    private final OpenStackGateway gateway;
    private final ServerHandler servers;

    ServerResizeHandler(OpenStackGateway gateway, ServerHandler servers) {
        this.gateway = gateway;
        this.servers = servers;
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.SERVER_RESIZE;
    }

    /** A resize under way, or done already (the server has the new flavor): adopted, never sent twice. */
    @Override
    public Optional<CloudResource> find(String projectId, ResourceSpec spec) {
        CloudResource asked = asked(spec);
        Server server = server(projectId, asked.id());
        if (server == null) {
            return Optional.empty();
        }
        boolean underWay =
                server.getStatus() == Server.Status.RESIZE || server.getStatus() == Server.Status.VERIFY_RESIZE;
        return underWay || asked.attribute("flavor").equals(flavorOf(projectId, server))
                ? Optional.of(asked)
                : Optional.empty();
    }

    @Override
    public CloudResource create(String projectId, ResourceSpec spec) {
        CloudResource asked = asked(spec);
        String flavorId =
                servers.flavorNamed(projectId, asked.attribute("flavor")).getId();
        gateway.inProjectWhileBusy(
                projectId,
                COMPUTE,
                "resize server",
                SAFE,
                c -> requireSuccess(
                        c.compute().servers().resize(asked.id(), flavorId), COMPUTE, "resize server", false));
        // Nova sets the task state before it answers 202, so a resize taken shows at once (RESIZE, or
        // VERIFY_RESIZE); openstack4j 3.12 reports any answer but 400-409 and 500 as a success (a 503
        // of a proxy, say): a server idle with its former flavor did not take the call
        Server after = server(projectId, asked.id());
        if (after != null
                && (after.getStatus() == Server.Status.ACTIVE || after.getStatus() == Server.Status.SHUTOFF)
                && after.getTaskState() == null
                && !asked.attribute("flavor").equals(flavorOf(projectId, after))) {
            throw new CloudException(
                    true,
                    "Nova shows no resize of server " + asked.id() + " after its answer to the call ("
                            + after.getStatus() + " with flavor " + flavorOf(projectId, after)
                            + "): the call is sent again");
        }
        return asked;
    }

    @Override
    public Readiness readiness(String projectId, CloudResource resource) {
        Server server = server(projectId, resource.id());
        if (server == null) {
            return new Readiness.Failed("server " + resource.id() + " no longer exists");
        }
        String target = resource.attribute("flavor");
        return switch (server.getStatus()) {
            case VERIFY_RESIZE -> {
                confirm(projectId, resource.id());
                yield new Readiness.Pending("VERIFY_RESIZE, confirmed");
            }
            case ACTIVE, SHUTOFF -> {
                if (!target.equals(flavorOf(projectId, server))) {
                    yield new Readiness.Pending(server.getStatus() + " with flavor " + flavorOf(projectId, server));
                }
                Map<String, String> attributes = new LinkedHashMap<>(resource.attributes());
                attributes.putAll(servers.describe(projectId, server).attributes());
                yield new Readiness.Ready(new CloudResource(kind().wireName(), server.getId(), attributes));
            }
            case ERROR ->
                new Readiness.Failed("server " + resource.id() + " is in ERROR after its resize: "
                        + (server.getFault() != null ? server.getFault().getMessage() : "no fault reported"));
            default -> new Readiness.Pending(String.valueOf(server.getStatus()));
        };
    }

    /** @return true once the server has its former flavor again */
    @Override
    public boolean delete(String projectId, CloudResource resource) {
        Server server = server(projectId, resource.id());
        if (server == null) {
            return true; // deleted since: nothing left to put back
        }
        String target = resource.attribute("flavor");
        String former = resource.attribute("fromFlavor");
        String flavor = flavorOf(projectId, server);
        return switch (server.getStatus()) {
            case VERIFY_RESIZE -> {
                if (target.equals(flavor)) {
                    gateway.inProjectWhileBusy(
                            projectId,
                            COMPUTE,
                            "revert resize",
                            SAFE,
                            c -> requireSuccess(
                                    c.compute().servers().revertResize(resource.id()),
                                    COMPUTE,
                                    "revert resize",
                                    false));
                } else {
                    confirm(projectId, resource.id()); // our resize back to the former flavor
                }
                yield false;
            }
            case ACTIVE, SHUTOFF -> {
                if (former == null || former.equals(flavor)) {
                    yield true;
                }
                String formerId = servers.flavorNamed(projectId, former).getId();
                gateway.inProjectWhileBusy(
                        projectId,
                        COMPUTE,
                        "resize server back",
                        SAFE,
                        c -> requireSuccess(
                                c.compute().servers().resize(resource.id(), formerId),
                                COMPUTE,
                                "resize server back",
                                false));
                yield false;
            }
            case ERROR ->
                throw new CloudException(
                        false, "server " + resource.id() + " is in ERROR: its flavor cannot be put back by the saga");
            default -> false; // RESIZE, REVERT_RESIZE, MIGRATING: Nova is still at it
        };
    }

    private void confirm(String projectId, String serverId) {
        gateway.inProjectWhileBusy(
                projectId,
                COMPUTE,
                "confirm resize",
                SAFE,
                c -> requireSuccess(c.compute().servers().confirmResize(serverId), COMPUTE, "confirm resize", false));
    }

    private Server server(String projectId, String id) {
        Server server = gateway.inProject(
                projectId,
                COMPUTE,
                "show server",
                SAFE,
                c -> c.compute().servers().get(id));
        return server == null || server.getStatus() == Server.Status.DELETED ? null : server;
    }

    private String flavorOf(String projectId, Server server) {
        return servers.describe(projectId, server).attribute("flavor");
    }

    private static CloudResource asked(ResourceSpec spec) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("flavor", requiredString(spec, "flavor"));
        Object former = spec.properties().get("fromFlavor");
        if (former != null) {
            attributes.put("fromFlavor", former.toString());
        }
        return new CloudResource(
                ResourceKind.SERVER_RESIZE.wireName(), requiredString(spec, OperationPlanner.TARGET_ID), attributes);
    }
}
