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
import org.openstack4j.model.compute.Action;
import org.openstack4j.model.compute.RebootType;
import org.openstack4j.model.compute.Server;

/**
 * A server stopped, started or rebooted (soft). A stop or start found already in its wanted state is
 * adopted, not sent again; a reboot is sent again after a lost answer (rebooting twice harms nothing).
 * Ready once the server is SHUTOFF (stop) or ACTIVE (start, reboot). Nothing to undo: a power state
 * is not a resource, and the failed operation leaves the server as Nova left it.
 */
final class ServerPowerHandler implements ResourceHandler {

    private final OpenStackGateway gateway;
    private final ServerHandler servers;

    ServerPowerHandler(OpenStackGateway gateway, ServerHandler servers) {
        this.gateway = gateway;
        this.servers = servers;
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.SERVER_POWER;
    }

    @Override
    public Optional<CloudResource> find(String projectId, ResourceSpec spec) {
        CloudResource asked = asked(spec);
        Server server = server(projectId, asked.id());
        if (server == null) {
            return Optional.empty();
        }
        boolean there = switch (asked.attribute("power")) {
            case "STOP" -> server.getStatus() == Server.Status.SHUTOFF;
            case "START" -> server.getStatus() == Server.Status.ACTIVE;
            default -> false;
        };
        return there ? Optional.of(asked) : Optional.empty();
    }

    @Override
    public CloudResource create(String projectId, ResourceSpec spec) {
        CloudResource asked = asked(spec);
        String power = asked.attribute("power");
        gateway.inProjectWhileBusy(
                projectId,
                COMPUTE,
                power.toLowerCase() + " server",
                SAFE,
                c -> requireSuccess(
                        switch (power) {
                            case "STOP" -> c.compute().servers().action(asked.id(), Action.STOP);
                            case "START" -> c.compute().servers().action(asked.id(), Action.START);
                            case "REBOOT" -> c.compute().servers().reboot(asked.id(), RebootType.SOFT);
                            default -> throw new CloudException(false, "no power operation " + power);
                        },
                        COMPUTE,
                        power.toLowerCase() + " server",
                        false));
        // as for a resize (ServerResizeHandler): Nova sets the task state before it answers, openstack4j
        // may report a 503 as a success; a server still idle where it was did not take a stop or a start.
        // A reboot is not checked so: on a fast hypervisor it may be over before the server is read again
        Server after = server(projectId, asked.id());
        Server.Status unchanged = switch (power) {
            case "STOP" -> Server.Status.ACTIVE;
            case "START" -> Server.Status.SHUTOFF;
            default -> null;
        };
        if (after != null && unchanged != null && after.getStatus() == unchanged && after.getTaskState() == null) {
            throw new CloudException(
                    true,
                    "Nova shows no " + power.toLowerCase() + " of server " + asked.id()
                            + " after its answer to the call (" + after.getStatus() + "): the call is sent again");
        }
        return asked;
    }

    @Override
    public Readiness readiness(String projectId, CloudResource resource) {
        Server server = server(projectId, resource.id());
        if (server == null) {
            return new Readiness.Failed("server " + resource.id() + " no longer exists");
        }
        Server.Status wanted =
                "STOP".equals(resource.attribute("power")) ? Server.Status.SHUTOFF : Server.Status.ACTIVE;
        if (server.getStatus() == wanted) {
            Map<String, String> attributes = new LinkedHashMap<>(resource.attributes());
            attributes.putAll(servers.describe(projectId, server).attributes());
            return new Readiness.Ready(new CloudResource(kind().wireName(), server.getId(), attributes));
        }
        if (server.getStatus() == Server.Status.ERROR) {
            return new Readiness.Failed("server " + resource.id() + " is in ERROR");
        }
        return new Readiness.Pending(String.valueOf(server.getStatus()));
    }

    @Override
    public boolean delete(String projectId, CloudResource resource) {
        return true;
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

    private static CloudResource asked(ResourceSpec spec) {
        return new CloudResource(
                ResourceKind.SERVER_POWER.wireName(),
                requiredString(spec, OperationPlanner.TARGET_ID),
                Map.of("power", requiredString(spec, "power")));
    }
}
