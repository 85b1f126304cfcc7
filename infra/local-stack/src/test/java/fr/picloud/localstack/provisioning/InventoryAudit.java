package fr.picloud.localstack.provisioning;

import fr.picloud.localstack.provisioning.SagaTable.SagaRow;
import fr.picloud.localstack.provisioning.SagaTable.StepRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * What a tenant's OpenStack project holds against what the sagas say it should: every resource is
 * named {@code pi-<saga id>-<step>}, so a resource of a saga that is not COMPLETED (or of no saga) is
 * an orphan, a name seen twice is a twin, and a step of a completed saga without its resource is missing.
 */
final class InventoryAudit {

    /** Saga step kind -> the emulator inventory's list of that kind, for kinds found by name. */
    private static final Map<String, String> NAMED_KINDS = Map.of(
            "network", "networks",
            "subnet", "subnets",
            "router", "routers",
            "security-group", "security_groups",
            "keypair", "keypairs",
            "volume", "volumes",
            "server", "servers");

    private static final Pattern NAME =
            Pattern.compile("pi-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-(.+)");

    final List<String> orphans = new ArrayList<>();
    final List<String> twins = new ArrayList<>();
    final List<String> missing = new ArrayList<>();
    int resources;

    static InventoryAudit of(JsonNode project, JsonNode ports, List<SagaRow> sagas, List<StepRow> steps) {
        return of(project, ports, sagas, steps, List.of(), List.of());
    }

    /**
     * The same, with the day-2 operations' sagas: a snapshot is named for the operation saga that took
     * it, so a snapshot of a saga that is not COMPLETED is an orphan, one seen twice a twin, and a
     * completed snapshot saga's snapshot that is not there is missing.
     */
    static InventoryAudit of(
            JsonNode project,
            JsonNode ports,
            List<SagaRow> sagas,
            List<StepRow> steps,
            List<SagaRow> operations,
            List<StepRow> operationSteps) {
        InventoryAudit audit = new InventoryAudit();
        audit.audit(project, ports, sagas, steps);
        audit.auditSnapshots(project, operations, operationSteps);
        return audit;
    }

    private void auditSnapshots(JsonNode project, List<SagaRow> operations, List<StepRow> operationSteps) {
        Map<UUID, String> status = new HashMap<>();
        operations.forEach(saga -> status.put(saga.id(), saga.status()));
        Set<String> names = new HashSet<>();
        for (JsonNode snapshot : project.path("snapshots")) {
            resources++;
            String name = snapshot.path("name").asString();
            Matcher matcher = NAME.matcher(name);
            if (!matcher.matches()) {
                orphans.add("snapshot '" + name + "' (named for no saga)");
                continue;
            }
            String sagaStatus = status.get(UUID.fromString(matcher.group(1)));
            if (!"COMPLETED".equals(sagaStatus)) {
                orphans.add(
                        "snapshot " + name + " (operation saga " + (sagaStatus == null ? "unknown" : sagaStatus) + ")");
            }
            if (!names.add(name)) {
                twins.add("snapshot " + name);
            }
        }
        for (StepRow step : operationSteps) {
            if (step.kind().equals("volume-snapshot") && "COMPLETED".equals(status.get(step.sagaId()))) {
                String name = "pi-" + step.sagaId() + "-" + step.name();
                if (!names.contains(name)) {
                    missing.add("snapshot " + name);
                }
            }
        }
    }

    private void audit(JsonNode project, JsonNode ports, List<SagaRow> sagas, List<StepRow> steps) {
        Map<UUID, String> status = new HashMap<>();
        sagas.forEach(saga -> status.put(saga.id(), saga.status()));
        Map<String, JsonNode> byName = new HashMap<>();
        Set<String> liveIds = new HashSet<>();
        Set<String> inUseVolumes = new HashSet<>();
        for (String list : NAMED_KINDS.values()) {
            for (JsonNode entry : project.path(list)) {
                resources++;
                String name = entry.path("name").asString();
                liveIds.add(entry.path("id").asString());
                if (list.equals("volumes")
                        && "in-use".equals(entry.path("status").asString())) {
                    inUseVolumes.add(name);
                }
                Matcher matcher = NAME.matcher(name);
                if (!matcher.matches()) {
                    orphans.add(list + " '" + name + "' (named for no saga)");
                    continue;
                }
                String sagaStatus = status.get(UUID.fromString(matcher.group(1)));
                if (!"COMPLETED".equals(sagaStatus)) {
                    orphans.add(list + " " + name + " (saga " + (sagaStatus == null ? "unknown" : sagaStatus) + ")");
                }
                if (byName.putIfAbsent(list + "/" + name, entry) != null) {
                    twins.add(list + " " + name);
                }
            }
        }
        for (JsonNode floatingIp : project.path("floatingips")) {
            resources++;
            orphans.add("floating ip " + floatingIp.path("name").asString() + " (no template here makes one)");
        }
        // ports: Nova's for servers, Neutron's for router interfaces; each must hang on a live device
        Set<String> routerInterfacePortsOnLiveRouters = new HashSet<>();
        for (JsonNode port : ports) {
            resources++;
            String owner = port.path("device_owner").asString("");
            String device = port.path("device_id").asString("");
            if (!liveIds.contains(port.path("network_id").asString())) {
                orphans.add("port " + port.path("id").asString() + " (on a network that is gone)");
            } else if (!liveIds.contains(device)) {
                orphans.add("port " + port.path("id").asString() + " (" + owner + " of a device that is gone)");
            } else if (owner.equals("network:router_interface")) {
                routerInterfacePortsOnLiveRouters.add(port.path("id").asString());
            }
        }
        for (StepRow step : steps) {
            if (!"COMPLETED".equals(status.get(step.sagaId()))) {
                continue;
            }
            String name = "pi-" + step.sagaId() + "-" + step.name();
            String list = NAMED_KINDS.get(step.kind());
            if (list != null && !byName.containsKey(list + "/" + name)) {
                missing.add(list + " " + name);
            }
            if (step.kind().equals("volume-attachment")) {
                String volume =
                        "pi-" + step.sagaId() + "-data-volume-" + step.name().replaceAll(".*-", "");
                if (!inUseVolumes.contains(volume)) {
                    missing.add("attachment " + name + " (volume " + volume + " not in-use)");
                }
            }
        }
        long completedInterfaces = steps.stream()
                .filter(step -> step.kind().equals("router-interface"))
                .filter(step -> "COMPLETED".equals(status.get(step.sagaId())))
                .count();
        if (routerInterfacePortsOnLiveRouters.size() > completedInterfaces) {
            twins.add((routerInterfacePortsOnLiveRouters.size() - completedInterfaces) + " router interface port(s)"
                    + " more than the completed sagas' " + completedInterfaces);
        } else if (routerInterfacePortsOnLiveRouters.size() < completedInterfaces) {
            missing.add((completedInterfaces - routerInterfacePortsOnLiveRouters.size()) + " router interface(s)");
        }
    }
}
