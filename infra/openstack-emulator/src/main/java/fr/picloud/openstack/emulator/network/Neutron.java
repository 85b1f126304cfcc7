package fr.picloud.openstack.emulator.network;

import static fr.picloud.openstack.emulator.http.Json.text;

import fr.picloud.openstack.emulator.EmulatedService;
import fr.picloud.openstack.emulator.Inventory;
import fr.picloud.openstack.emulator.fault.Faults;
import fr.picloud.openstack.emulator.http.ApiError;
import fr.picloud.openstack.emulator.http.ApiRequest;
import fr.picloud.openstack.emulator.http.ApiResponse;
import fr.picloud.openstack.emulator.http.ErrorStyle;
import fr.picloud.openstack.emulator.http.Json;
import fr.picloud.openstack.emulator.http.Router;
import fr.picloud.openstack.emulator.identity.AuthContext;
import fr.picloud.openstack.emulator.identity.Keystone;
import fr.picloud.openstack.emulator.network.NetworkRecords.AllocationPool;
import fr.picloud.openstack.emulator.network.NetworkRecords.FixedIp;
import fr.picloud.openstack.emulator.network.NetworkRecords.FloatingIp;
import fr.picloud.openstack.emulator.network.NetworkRecords.Network;
import fr.picloud.openstack.emulator.network.NetworkRecords.Port;
import fr.picloud.openstack.emulator.network.NetworkRecords.Resource;
import fr.picloud.openstack.emulator.network.NetworkRecords.SecurityGroup;
import fr.picloud.openstack.emulator.network.NetworkRecords.SecurityGroupRule;
import fr.picloud.openstack.emulator.network.NetworkRecords.Standard;
import fr.picloud.openstack.emulator.network.NetworkRecords.Subnet;
import fr.picloud.openstack.emulator.state.CloudState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Neutron 2.0: networks, subnets, ports, routers (interfaces, external gateway), security groups and
 * rules, floating IPs, tags and quotas, with Neutron's conflicts and error types.
 */
public final class Neutron implements EmulatedService {

    public static final String PUBLIC_NETWORK = "public";
    private static final ErrorStyle ERRORS = ErrorStyle.NEUTRON;
    private static final String ROUTER_INTERFACE = "network:router_interface";
    private static final String ROUTER_GATEWAY = "network:router_gateway";
    private static final String FLOATING_IP_OWNER = "network:floatingip";
    private static final Map<String, Integer> DEFAULT_QUOTAS = Map.of(
            "network", 100,
            "subnet", 100,
            "port", 500,
            "router", 10,
            "floatingip", 50,
            "security_group", 10,
            "security_group_rule", 100,
            // accepted and reported, never enforced: the emulator has no subnet pools or RBAC policies
            "subnetpool", -1,
            "rbac_policy", 10);
    private static final Set<String> NOT_FILTERS = Set.of(
            "fields",
            "limit",
            "marker",
            "sort_key",
            "sort_dir",
            "page_reverse",
            "tags",
            "tags-any",
            "not-tags",
            "not-tags-any");

    private final Clock clock;
    private final Keystone keystone;
    private final Faults faults;
    private final Router router = new Router();
    // MAC addresses already given out, so a restarted emulator does not give one twice
    private final Map<String, Long> macCounter;

    private final Map<String, Network> networks;
    private final Map<String, Subnet> subnets;
    private final Map<String, Port> ports;
    private final Map<String, NetworkRecords.Router> routers;
    private final Map<String, SecurityGroup> securityGroups;
    private final Map<String, SecurityGroupRule> rules;
    private final Map<String, FloatingIp> floatingIps;
    private final Map<String, Map<String, Integer>> quotas;

    public Neutron(Clock clock, Keystone keystone, Faults faults, CloudState state) {
        this.clock = clock;
        this.keystone = keystone;
        this.faults = faults;
        this.macCounter = state.table("network.mac-counter", String.class, Long.class);
        this.networks = state.table("network.networks", String.class, Network.class);
        this.subnets = state.table("network.subnets", String.class, Subnet.class);
        this.ports = state.table("network.ports", String.class, Port.class);
        this.routers = state.table("network.routers", String.class, NetworkRecords.Router.class);
        this.securityGroups = state.table("network.security-groups", String.class, SecurityGroup.class);
        this.rules = state.table("network.security-group-rules", String.class, SecurityGroupRule.class);
        this.floatingIps = state.table("network.floating-ips", String.class, FloatingIp.class);
        this.quotas = state.table("network.quotas", new TypeReference<>() {});
        routes();
        reset();
    }

    @Override
    public String type() {
        return "network";
    }

    @Override
    public String prefix() {
        return "/network";
    }

    @Override
    public ErrorStyle errors() {
        return ERRORS;
    }

    @Override
    public ApiResponse handle(ApiRequest request, String relativePath) {
        // Neutron accepts a ".json" suffix on every path, and some clients still send it
        String path = relativePath.endsWith(".json")
                ? relativePath.substring(0, relativePath.length() - ".json".length())
                : relativePath;
        return router.dispatch(request, path, ERRORS);
    }

    /** Seeds the shared external network "public" (172.24.4.0/24) that routers and floating IPs use. */
    @Override
    public void reset() {
        networks.clear();
        subnets.clear();
        ports.clear();
        routers.clear();
        securityGroups.clear();
        rules.clear();
        floatingIps.clear();
        quotas.clear();
        String admin = keystone.adminProjectId();
        Network external = new Network(standard(admin, PUBLIC_NETWORK, "", List.of()), true, false, true, 1500);
        networks.put(external.id(), external);
        Subnet publicSubnet = new Subnet(
                standard(admin, "public-subnet", "", List.of()),
                external.id(),
                4,
                "172.24.4.0/24",
                "172.24.4.1",
                List.of(new AllocationPool("172.24.4.2", "172.24.4.254")),
                false,
                List.of());
        subnets.put(publicSubnet.id(), publicSubnet);
    }

    @Override
    public void describe(Inventory inventory) {
        networks.values().stream()
                .filter(n -> !n.projectId().equals(keystone.adminProjectId())
                        || !n.name().equals(PUBLIC_NETWORK))
                .forEach(n -> inventory.add(n.projectId(), "networks", n.id(), n.name(), "ACTIVE"));
        subnets.values().stream()
                .filter(s -> !networks.get(s.networkId()).name().equals(PUBLIC_NETWORK)
                        || !s.name().equals("public-subnet"))
                .forEach(s -> inventory.add(s.projectId(), "subnets", s.id(), s.name(), null));
        ports.values().stream()
                .filter(p -> !p.projectId().isEmpty())
                .forEach(p -> inventory.add(p.projectId(), "ports", p.id(), p.name(), p.status()));
        routers.values().forEach(r -> inventory.add(r.projectId(), "routers", r.id(), r.name(), "ACTIVE"));
        securityGroups.values().stream()
                .filter(g -> !g.isDefault())
                .forEach(g -> inventory.add(g.projectId(), "security_groups", g.id(), g.name(), null));
        floatingIps
                .values()
                .forEach(f -> inventory.add(f.projectId(), "floatingips", f.id(), f.floatingIpAddress(), f.status()));
    }

    private void routes() {
        router.get("/", this::versions)
                .get("/v2.0", this::resources)
                .get("/v2.0/extensions", this::extensions)
                .get("/v2.0/extensions/{alias}", this::showExtension)
                .get("/v2.0/agents", this::listAgents)
                .get("/v2.0/agents/{id}", this::showAgent)
                .get("/v2.0/availability_zones", this::availabilityZones)
                .get("/v2.0/networks", this::listNetworks)
                .post("/v2.0/networks", faults.creating("network", ERRORS, this::createNetwork))
                .get("/v2.0/networks/{id}", this::showNetwork)
                .put("/v2.0/networks/{id}", this::updateNetwork)
                .delete("/v2.0/networks/{id}", this::deleteNetwork)
                .get("/v2.0/subnets", this::listSubnets)
                .post("/v2.0/subnets", faults.creating("subnet", ERRORS, this::createSubnet))
                .get("/v2.0/subnets/{id}", this::showSubnet)
                .put("/v2.0/subnets/{id}", this::updateSubnet)
                .delete("/v2.0/subnets/{id}", this::deleteSubnet)
                .get("/v2.0/ports", this::listPorts)
                .post("/v2.0/ports", this::createPort)
                .get("/v2.0/ports/{id}", this::showPort)
                .put("/v2.0/ports/{id}", this::updatePort)
                .delete("/v2.0/ports/{id}", this::deletePort)
                .get("/v2.0/routers", this::listRouters)
                .post("/v2.0/routers", faults.creating("router", ERRORS, this::createRouter))
                .get("/v2.0/routers/{id}", this::showRouter)
                .put("/v2.0/routers/{id}", this::updateRouter)
                .delete("/v2.0/routers/{id}", this::deleteRouter)
                .put(
                        "/v2.0/routers/{id}/add_router_interface",
                        faults.creating("router_interface", ERRORS, this::addRouterInterface))
                .put("/v2.0/routers/{id}/remove_router_interface", this::removeRouterInterface)
                .get("/v2.0/security-groups", this::listSecurityGroups)
                .post("/v2.0/security-groups", faults.creating("security_group", ERRORS, this::createSecurityGroup))
                .get("/v2.0/security-groups/{id}", this::showSecurityGroup)
                .put("/v2.0/security-groups/{id}", this::updateSecurityGroup)
                .delete("/v2.0/security-groups/{id}", this::deleteSecurityGroup)
                .get("/v2.0/security-group-rules", this::listRules)
                .post("/v2.0/security-group-rules", this::createRule)
                .get("/v2.0/security-group-rules/{id}", this::showRule)
                .delete("/v2.0/security-group-rules/{id}", this::deleteRule)
                .get("/v2.0/floatingips", this::listFloatingIps)
                .post("/v2.0/floatingips", faults.creating("floatingip", ERRORS, this::createFloatingIp))
                .get("/v2.0/floatingips/{id}", this::showFloatingIp)
                .put("/v2.0/floatingips/{id}", this::updateFloatingIp)
                .delete("/v2.0/floatingips/{id}", this::deleteFloatingIp)
                .get("/v2.0/{collection}/{id}/tags", this::listTags)
                .put("/v2.0/{collection}/{id}/tags", this::replaceTags)
                .delete("/v2.0/{collection}/{id}/tags", this::deleteAllTags)
                .get("/v2.0/{collection}/{id}/tags/{tag}", this::checkTag)
                .put("/v2.0/{collection}/{id}/tags/{tag}", this::addTag)
                .delete("/v2.0/{collection}/{id}/tags/{tag}", this::deleteTag)
                .get("/v2.0/quotas", this::listQuotas)
                .get("/v2.0/quotas/{project}", this::showQuota)
                .get("/v2.0/quotas/{project}/details", this::showQuotaDetails)
                .put("/v2.0/quotas/{project}", this::updateQuota)
                .delete("/v2.0/quotas/{project}", this::resetQuota);
    }

    // ---- what Nova needs: ports for servers, security groups, addresses ----

    /** A network the project may plug a server into (its own, shared or external). */
    public Optional<Network> usableNetwork(String projectId, String networkId) {
        return Optional.ofNullable(networks.get(networkId))
                .filter(n -> n.projectId().equals(projectId) || n.shared() || n.external());
    }

    /** The project's own networks, which Nova picks from when a boot request names none. */
    public List<Network> projectNetworks(String projectId) {
        return networks.values().stream()
                .filter(n -> n.projectId().equals(projectId) && !n.external())
                .toList();
    }

    public Optional<Port> port(String portId) {
        return Optional.ofNullable(ports.get(portId));
    }

    public boolean hasIpv4Subnet(String networkId) {
        return subnets.values().stream().anyMatch(s -> s.networkId().equals(networkId));
    }

    public boolean portQuotaAllows(String projectId, int more) {
        int limit = limit(projectId, "port");
        // -1 is Neutron's "unlimited"
        return limit < 0 || countOf("port", projectId) + more <= limit;
    }

    /** Resolves a security group by id or name in the project, creating "default" on first use as Neutron does. */
    public Optional<SecurityGroup> securityGroup(String projectId, String idOrName) {
        ensureDefaultSecurityGroup(projectId);
        return securityGroups.values().stream()
                .filter(g -> g.projectId().equals(projectId))
                .filter(g -> g.id().equals(idOrName) || g.name().equals(idOrName))
                .findFirst();
    }

    public Port createServerPort(String projectId, String networkId, String serverId, List<String> securityGroupIds) {
        Port port = newPort(
                standard(projectId, "", "", List.of()),
                networkId,
                allocateOnNetwork(networkId),
                serverId,
                "compute:nova",
                securityGroupIds);
        ports.put(port.id(), port);
        return port;
    }

    public void bindPort(String portId, String serverId) {
        ports.computeIfPresent(portId, (id, port) -> port.boundTo(serverId, "compute:nova"));
    }

    /** Unplugs a server: deletes the ports Nova created for it, frees the ones the user brought. */
    public void releaseServerPorts(String serverId, Set<String> portsCreatedForServer) {
        for (Port port : portsOf(serverId)) {
            if (portsCreatedForServer.contains(port.id())) {
                removePort(port.id());
            } else {
                ports.put(port.id(), port.boundTo("", ""));
            }
        }
    }

    public List<Port> portsOf(String deviceId) {
        return ports.values().stream()
                .filter(p -> p.deviceId().equals(deviceId))
                .toList();
    }

    public String networkName(String networkId) {
        return Optional.ofNullable(networks.get(networkId)).map(Network::name).orElse(networkId);
    }

    public Optional<FloatingIp> floatingIpOn(String portId) {
        return floatingIps.values().stream()
                .filter(f -> portId.equals(f.portId()))
                .findFirst();
    }

    // ---- version discovery and extensions ----

    private ApiResponse versions(ApiRequest request) {
        ObjectNode version = Json.object().put("id", "v2.0").put("status", "CURRENT");
        version.putArray("links")
                .add(Json.object()
                        .put("href", request.baseUrl() + "/network/v2.0/")
                        .put("rel", "self"));
        ArrayNode versions = Json.array().add(version);
        return ApiResponse.ok(Json.wrap("versions", versions));
    }

    private ApiResponse resources(ApiRequest request) {
        ArrayNode resources = Json.array();
        for (String collection : List.of("network", "subnet", "port", "router", "security_group", "floatingip")) {
            ObjectNode resource = resources.addObject().put("name", collection).put("collection", collection + "s");
            resource.putArray("links");
        }
        return ApiResponse.ok(Json.wrap("resources", resources));
    }

    /** Extensions whose name is not their alias: clients (the openstack CLI) look these up by name. */
    private static final Map<String, String> EXTENSION_NAMES = Map.of(
            "agent", "agent",
            "availability_zone", "Availability Zone",
            "network_availability_zone", "Network Availability Zone",
            "router_availability_zone", "Router Availability Zone");

    private static List<String> extensionAliases() {
        List<String> aliases = new java.util.ArrayList<>(List.of(
                "external-net",
                "router",
                "ext-gw-mode",
                "security-group",
                "quotas",
                "quota_details",
                "standard-attr-tag",
                "tag-ext",
                "standard-attr-description",
                "standard-attr-timestamp",
                "standard-attr-revisions",
                "project-id",
                "binding",
                "port-security"));
        aliases.addAll(EXTENSION_NAMES.keySet().stream().sorted().toList());
        return aliases;
    }

    private static ObjectNode extensionBody(String alias) {
        ObjectNode node = Json.object()
                .put("alias", alias)
                .put("name", EXTENSION_NAMES.getOrDefault(alias, alias))
                .put("description", EXTENSION_NAMES.getOrDefault(alias, alias))
                .put("updated", "2013-01-01T00:00:00-00:00");
        node.putArray("links");
        return node;
    }

    private ApiResponse extensions(ApiRequest request) {
        keystone.authenticate(request);
        return ApiResponse.ok(Json.wrap("extensions", Json.arrayOf(extensionAliases(), Neutron::extensionBody)));
    }

    private ApiResponse showExtension(ApiRequest request) {
        keystone.authenticate(request);
        String alias = request.param("alias");
        if (!extensionAliases().contains(alias)) {
            throw ApiError.neutron(404, "HTTPNotFound", "Extension with alias " + alias + " does not exist");
        }
        return ApiResponse.ok(Json.wrap("extension", extensionBody(alias)));
    }

    // ---- agents and availability zones: the one network host, as an administrator sees it ----

    private record Agent(String type, String binary, String topic, String zone) {
        String id() {
            return UUID.nameUUIDFromBytes(("agent:" + binary).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .toString();
        }
    }

    private static final List<Agent> AGENTS = List.of(
            new Agent("DHCP agent", "neutron-dhcp-agent", "dhcp_agent", "nova"),
            new Agent("L3 agent", "neutron-l3-agent", "l3_agent", "nova"),
            new Agent("Open vSwitch agent", "neutron-openvswitch-agent", "N/A", null),
            new Agent("Metadata agent", "neutron-metadata-agent", "N/A", null));
    private static final DateTimeFormatter AGENT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private ObjectNode agentBody(Agent agent) {
        String now = AGENT_TIME.format(clock.instant());
        ObjectNode node = Json.object()
                .put("id", agent.id())
                .put("agent_type", agent.type())
                .put("binary", agent.binary())
                .put("topic", agent.topic())
                .put("host", "emulator")
                .put("admin_state_up", true)
                .put("alive", true)
                .put("availability_zone", agent.zone())
                .put("created_at", "2024-01-15 10:00:00")
                .put("started_at", "2024-01-15 10:00:00")
                .put("heartbeat_timestamp", now)
                .putNull("description")
                .putNull("resources_synced");
        node.putObject("configurations");
        return node;
    }

    private void requireAdmin(ApiRequest request, String rule) {
        if (!keystone.authenticate(request).isAdmin()) {
            throw ApiError.neutron(403, "PolicyNotAuthorized", "rule:" + rule + " is disallowed by policy");
        }
    }

    private ApiResponse listAgents(ApiRequest request) {
        requireAdmin(request, "get_agent");
        List<Agent> found = AGENTS.stream()
                .filter(a ->
                        request.queryParam("agent_type").map(a.type()::equals).orElse(true))
                .filter(a -> request.queryParam("host").map("emulator"::equals).orElse(true))
                .toList();
        return ApiResponse.ok(Json.wrap("agents", Json.arrayOf(found, this::agentBody)));
    }

    private ApiResponse showAgent(ApiRequest request) {
        requireAdmin(request, "get_agent");
        Agent agent = AGENTS.stream()
                .filter(a -> a.id().equals(request.param("id")))
                .findFirst()
                .orElseThrow(() -> ApiError.neutron(
                        404, "AgentNotFound", "Agent " + request.param("id") + " could not be found."));
        return ApiResponse.ok(Json.wrap("agent", agentBody(agent)));
    }

    private ApiResponse availabilityZones(ApiRequest request) {
        keystone.authenticate(request);
        ArrayNode zones = Json.array();
        for (String resource : List.of("network", "router")) {
            zones.addObject().put("name", "nova").put("resource", resource).put("state", "available");
        }
        return ApiResponse.ok(Json.wrap("availability_zones", zones));
    }

    // ---- shared helpers ----

    private Standard standard(String projectId, String name, String description, List<String> tags) {
        Instant now = clock.instant();
        return new Standard(UUID.randomUUID().toString(), projectId, name, description, List.copyOf(tags), now, now, 0);
    }

    private Standard standardFrom(AuthContext caller, JsonNode body, String defaultName) {
        String projectId = Optional.ofNullable(text(body, "project_id"))
                .or(() -> Optional.ofNullable(text(body, "tenant_id")))
                .filter(p -> caller.isAdmin())
                .orElse(caller.projectId());
        return standard(
                projectId,
                Optional.ofNullable(text(body, "name")).orElse(defaultName),
                Optional.ofNullable(text(body, "description")).orElse(""),
                Json.textList(body, "tags"));
    }

    private void writeStandard(ObjectNode node, Standard s) {
        node.put("id", s.id())
                .put("name", s.name())
                .put("tenant_id", s.projectId())
                .put("project_id", s.projectId())
                .put("description", s.description());
        node.set("tags", Json.strings(s.tags()));
        node.put("created_at", Json.seconds(s.createdAt()))
                .put("updated_at", Json.seconds(s.updatedAt()))
                .put("revision_number", s.revision());
    }

    private <T extends Resource<T>> T visible(Map<String, T> map, String id, AuthContext caller, ApiError notFound) {
        T resource = map.get(id);
        if (resource == null || !caller.canSee(resource.projectId())) {
            throw notFound;
        }
        return resource;
    }

    private void requireOwner(AuthContext caller, Resource<?> resource, String action) {
        if (!caller.canSee(resource.projectId())) {
            throw ApiError.neutron(403, "PolicyNotAuthorized", "rule:" + action + " is disallowed by policy");
        }
    }

    /** Applies Neutron's query filters (any attribute, tags, tags-any, not-tags) and "fields". */
    private ApiResponse list(ApiRequest request, String key, Stream<ObjectNode> items) {
        ArrayNode result = Json.array();
        items.filter(item -> matches(item, request)).forEach(item -> result.add(selectFields(item, request)));
        return ApiResponse.ok(Json.wrap(key, result));
    }

    private static boolean matches(ObjectNode item, ApiRequest request) {
        for (var entry : request.query().entrySet()) {
            if (NOT_FILTERS.contains(entry.getKey())) {
                continue;
            }
            JsonNode value = item.get(entry.getKey());
            if (value == null || value.isContainer()) {
                continue;
            }
            String actual = value.isNull() ? "" : value.asString();
            if (entry.getValue().stream().noneMatch(expected -> expected.equalsIgnoreCase(actual))) {
                return false;
            }
        }
        Set<String> tags = new HashSet<>(Json.textList(item, "tags"));
        return tagFilter(request, "tags").map(tags::containsAll).orElse(true)
                && tagFilter(request, "tags-any")
                        .map(wanted -> wanted.stream().anyMatch(tags::contains))
                        .orElse(true)
                && tagFilter(request, "not-tags")
                        .map(unwanted -> !tags.containsAll(unwanted))
                        .orElse(true)
                && tagFilter(request, "not-tags-any")
                        .map(unwanted -> unwanted.stream().noneMatch(tags::contains))
                        .orElse(true);
    }

    private static Optional<List<String>> tagFilter(ApiRequest request, String name) {
        List<String> values = request.queryParams(name);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(values.stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .filter(t -> !t.isEmpty())
                .toList());
    }

    private static ObjectNode selectFields(ObjectNode item, ApiRequest request) {
        List<String> fields = request.queryParams("fields");
        if (fields.isEmpty()) {
            return item;
        }
        ObjectNode selected = Json.object();
        fields.forEach(field -> {
            if (item.has(field)) {
                selected.set(field, item.get(field));
            }
        });
        return selected;
    }

    private int limit(String projectId, String resource) {
        return quotas.getOrDefault(projectId, Map.of()).getOrDefault(resource, DEFAULT_QUOTAS.get(resource));
    }

    private long countOf(String resource, String projectId) {
        Stream<? extends Resource<?>> owned = switch (resource) {
            case "network" -> networks.values().stream();
            case "subnet" -> subnets.values().stream();
            case "port" -> ports.values().stream();
            case "router" -> routers.values().stream();
            case "floatingip" -> floatingIps.values().stream();
            case "security_group" -> securityGroups.values().stream();
            case "security_group_rule" -> rules.values().stream();
            default -> throw new IllegalArgumentException(resource);
        };
        return owned.filter(r -> r.projectId().equals(projectId)).count();
    }

    private void checkQuota(String projectId, String resource, int more) {
        int quota = limit(projectId, resource);
        if (quota >= 0 && countOf(resource, projectId) + more > quota) {
            throw ApiError.neutron(409, "OverQuota", "Quota exceeded for resources: ['" + resource + "'].");
        }
    }

    private void failDeleteIfPlanned(String kind) {
        if (faults.nextDeleteFails(kind)) {
            throw ERRORS.serverError(500, "Request Failed: internal server error while processing your request.");
        }
    }

    private <T extends Resource<T>> T update(Map<String, T> map, T resource, JsonNode body) {
        Standard s = resource.standard();
        T renamed = resource.withStandard(s.renamed(
                Optional.ofNullable(text(body, "name")).orElse(s.name()),
                Optional.ofNullable(text(body, "description")).orElse(s.description()),
                clock.instant()));
        map.put(renamed.id(), renamed);
        return renamed;
    }

    // ---- networks ----

    private ApiError networkNotFound(String id) {
        return ApiError.neutron(404, "NetworkNotFound", "Network " + id + " could not be found.");
    }

    private ObjectNode networkBody(Network network) {
        ObjectNode node = Json.object();
        writeStandard(node, network.standard());
        node.put("admin_state_up", network.adminStateUp())
                .put("status", "ACTIVE")
                .put("shared", network.shared())
                .put("router:external", network.external())
                .put("mtu", network.mtu())
                .put("port_security_enabled", true)
                .put("provider:network_type", network.external() ? "flat" : "vxlan")
                .put("is_default", network.external());
        node.set(
                "subnets",
                Json.strings(subnets.values().stream()
                        .filter(s -> s.networkId().equals(network.id()))
                        .map(Subnet::id)
                        .toList()));
        node.putArray("availability_zones").add("nova");
        return node;
    }

    private boolean canUse(AuthContext caller, Network network) {
        return caller.canSee(network.projectId()) || network.shared() || network.external();
    }

    private Network usableNetwork(AuthContext caller, String id) {
        Network network = networks.get(id);
        if (network == null || !canUse(caller, network)) {
            throw networkNotFound(id);
        }
        return network;
    }

    private ApiResponse listNetworks(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        return list(
                request,
                "networks",
                networks.values().stream().filter(n -> canUse(caller, n)).map(this::networkBody));
    }

    private ApiResponse createNetwork(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        JsonNode body = request.resource(ERRORS, "network");
        boolean external = body.path("router:external").asBoolean(false);
        boolean shared = body.path("shared").asBoolean(false);
        if ((external || shared) && !caller.isAdmin()) {
            throw ApiError.neutron(
                    403,
                    "PolicyNotAuthorized",
                    "(rule:create_network and rule:create_network:shared) is disallowed by policy");
        }
        Standard standard = standardFrom(caller, body, "");
        checkQuota(standard.projectId(), "network", 1);
        Network network = new Network(
                standard,
                body.path("admin_state_up").asBoolean(true),
                shared,
                external,
                body.path("mtu").asInt(1450));
        networks.put(network.id(), network);
        return ApiResponse.created(Json.wrap("network", networkBody(network)));
    }

    private ApiResponse showNetwork(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        return ApiResponse.ok(Json.wrap("network", networkBody(usableNetwork(caller, request.param("id")))));
    }

    private ApiResponse updateNetwork(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        Network network = visible(networks, request.param("id"), caller, networkNotFound(request.param("id")));
        JsonNode body = request.resource(ERRORS, "network");
        Network updated = update(networks, network, body)
                .withFlags(
                        body.path("admin_state_up").asBoolean(network.adminStateUp()),
                        body.path("shared").asBoolean(network.shared()),
                        body.path("router:external").asBoolean(network.external()));
        networks.put(updated.id(), updated);
        return ApiResponse.ok(Json.wrap("network", networkBody(updated)));
    }

    private ApiResponse deleteNetwork(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        Network network = visible(networks, request.param("id"), caller, networkNotFound(request.param("id")));
        failDeleteIfPlanned("network");
        if (ports.values().stream().anyMatch(p -> p.networkId().equals(network.id()))) {
            throw ApiError.neutron(
                    409,
                    "NetworkInUse",
                    "Unable to complete operation on network " + network.id()
                            + ". There are one or more ports still in use on the network.");
        }
        subnets.values().removeIf(s -> s.networkId().equals(network.id()));
        networks.remove(network.id());
        return ApiResponse.noContent();
    }

    // ---- subnets ----

    private ApiError subnetNotFound(String id) {
        return ApiError.neutron(404, "SubnetNotFound", "Subnet " + id + " could not be found.");
    }

    private ObjectNode subnetBody(Subnet subnet) {
        ObjectNode node = Json.object();
        writeStandard(node, subnet.standard());
        node.put("network_id", subnet.networkId())
                .put("ip_version", subnet.ipVersion())
                .put("cidr", subnet.cidr())
                .put("gateway_ip", subnet.gatewayIp())
                .put("enable_dhcp", subnet.enableDhcp())
                .putNull("ipv6_ra_mode")
                .putNull("ipv6_address_mode")
                .putNull("subnetpool_id");
        node.set(
                "allocation_pools",
                Json.arrayOf(
                        subnet.allocationPools(),
                        p -> Json.object().put("start", p.start()).put("end", p.end())));
        node.set("dns_nameservers", Json.strings(subnet.dnsNameservers()));
        node.putArray("host_routes");
        node.putArray("service_types");
        return node;
    }

    private boolean canUse(AuthContext caller, Subnet subnet) {
        Network network = networks.get(subnet.networkId());
        return caller.canSee(subnet.projectId()) || (network != null && canUse(caller, network));
    }

    private ApiResponse listSubnets(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        return list(
                request,
                "subnets",
                subnets.values().stream().filter(s -> canUse(caller, s)).map(this::subnetBody));
    }

    private ApiResponse createSubnet(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        JsonNode body = request.resource(ERRORS, "subnet");
        String networkId = text(body, "network_id");
        if (networkId == null) {
            throw ERRORS.badRequest("Failed to parse request. Required attribute 'network_id' not specified");
        }
        Network network = networks.get(networkId);
        if (network == null || !caller.canSee(network.projectId())) {
            throw networkNotFound(networkId);
        }
        if (body.path("ip_version").asInt(4) != 4) {
            throw ERRORS.badRequest("Invalid input for ip_version. Reason: the emulator only provides IPv4 subnets.");
        }
        String cidrText = text(body, "cidr");
        Ipv4Cidr cidr = Ipv4Cidr.parse(cidrText)
                .orElseThrow(() -> ERRORS.badRequest(
                        "Invalid input for cidr. Reason: '" + cidrText + "' is not a valid IP subnet."));
        for (Subnet existing : subnets.values()) {
            if (existing.networkId().equals(networkId)
                    && Ipv4Cidr.parse(existing.cidr()).orElseThrow().overlaps(cidr)) {
                throw ERRORS.badRequest("Invalid input for operation: Requested subnet with cidr: " + cidr
                        + " for network: " + networkId + " overlaps with another subnet.");
            }
        }
        Standard standard = standardFrom(caller, body, "");
        checkQuota(standard.projectId(), "subnet", 1);
        String gateway = body.has("gateway_ip") ? text(body, "gateway_ip") : Ipv4Cidr.format(cidr.network() + 1);
        List<AllocationPool> pools = new ArrayList<>();
        JsonNode requestedPools = body.get("allocation_pools");
        if (requestedPools != null && requestedPools.isArray() && !requestedPools.isEmpty()) {
            for (JsonNode pool : requestedPools) {
                pools.add(new AllocationPool(text(pool, "start"), text(pool, "end")));
            }
        } else {
            long first =
                    cidr.network() + (gateway != null && gateway.equals(Ipv4Cidr.format(cidr.network() + 1)) ? 2 : 1);
            pools.add(new AllocationPool(Ipv4Cidr.format(first), Ipv4Cidr.format(cidr.broadcast() - 1)));
        }
        Subnet subnet = new Subnet(
                standard,
                networkId,
                4,
                cidr.toString(),
                gateway,
                List.copyOf(pools),
                body.path("enable_dhcp").asBoolean(true),
                Json.textList(body, "dns_nameservers"));
        subnets.put(subnet.id(), subnet);
        return ApiResponse.created(Json.wrap("subnet", subnetBody(subnet)));
    }

    private ApiResponse showSubnet(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        Subnet subnet = subnets.get(request.param("id"));
        if (subnet == null || !canUse(caller, subnet)) {
            throw subnetNotFound(request.param("id"));
        }
        return ApiResponse.ok(Json.wrap("subnet", subnetBody(subnet)));
    }

    private ApiResponse updateSubnet(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        Subnet subnet = visible(subnets, request.param("id"), caller, subnetNotFound(request.param("id")));
        JsonNode body = request.resource(ERRORS, "subnet");
        Subnet updated = update(subnets, subnet, body)
                .withSettings(
                        body.has("gateway_ip") ? text(body, "gateway_ip") : subnet.gatewayIp(),
                        body.path("enable_dhcp").asBoolean(subnet.enableDhcp()),
                        body.has("dns_nameservers") ? Json.textList(body, "dns_nameservers") : subnet.dnsNameservers());
        subnets.put(updated.id(), updated);
        return ApiResponse.ok(Json.wrap("subnet", subnetBody(updated)));
    }

    private ApiResponse deleteSubnet(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        Subnet subnet = visible(subnets, request.param("id"), caller, subnetNotFound(request.param("id")));
        failDeleteIfPlanned("subnet");
        boolean allocated = ports.values().stream()
                .flatMap(p -> p.fixedIps().stream())
                .anyMatch(ip -> ip.subnetId().equals(subnet.id()));
        if (allocated) {
            throw ApiError.neutron(
                    409,
                    "SubnetInUse",
                    "Unable to complete operation on subnet " + subnet.id()
                            + ": One or more ports have an IP allocation from this subnet.");
        }
        subnets.remove(subnet.id());
        return ApiResponse.noContent();
    }

    // ---- ports and address allocation ----

    private ApiError portNotFound(String id) {
        return ApiError.neutron(404, "PortNotFound", "Port " + id + " could not be found.");
    }

    private Set<Long> usedAddresses(String subnetId) {
        Set<Long> used = new HashSet<>();
        ports.values().stream()
                .flatMap(p -> p.fixedIps().stream())
                .filter(ip -> ip.subnetId().equals(subnetId))
                .forEach(ip -> used.add(Ipv4Cidr.address(ip.ipAddress()).orElseThrow()));
        floatingIps
                .values()
                .forEach(f -> Ipv4Cidr.address(f.floatingIpAddress()).ifPresent(used::add));
        return used;
    }

    /** The lowest free address of the subnet's pools, like Neutron's IPAM does. */
    private Optional<FixedIp> allocate(Subnet subnet) {
        Set<Long> used = usedAddresses(subnet.id());
        for (AllocationPool pool : subnet.allocationPools()) {
            long start = Ipv4Cidr.address(pool.start()).orElseThrow();
            long end = Ipv4Cidr.address(pool.end()).orElseThrow();
            for (long address = start; address <= end; address++) {
                if (!used.contains(address)) {
                    return Optional.of(new FixedIp(subnet.id(), Ipv4Cidr.format(address)));
                }
            }
        }
        return Optional.empty();
    }

    private List<FixedIp> allocateOnNetwork(String networkId) {
        Subnet subnet = subnets.values().stream()
                .filter(s -> s.networkId().equals(networkId))
                .findFirst()
                .orElse(null);
        if (subnet == null) {
            return List.of();
        }
        return List.of(allocate(subnet).orElseThrow(() -> ipExhausted(networkId)));
    }

    private static ApiError ipExhausted(String networkId) {
        return ApiError.neutron(
                409, "IpAddressGenerationFailure", "No more IP addresses available on network " + networkId + ".");
    }

    private Port newPort(
            Standard standard,
            String networkId,
            List<FixedIp> fixedIps,
            String deviceId,
            String deviceOwner,
            List<String> securityGroupIds) {
        long macs = macCounter.merge("given", 1L, Long::sum);
        String mac = String.format("fa:16:3e:%02x:%02x:%02x", (macs >> 16) & 255, (macs >> 8) & 255, macs & 255);
        return new Port(
                standard,
                networkId,
                mac,
                List.copyOf(fixedIps),
                deviceId,
                deviceOwner,
                List.copyOf(securityGroupIds),
                true);
    }

    private ObjectNode portBody(Port port) {
        ObjectNode node = Json.object();
        writeStandard(node, port.standard());
        node.put("network_id", port.networkId())
                .put("mac_address", port.macAddress())
                .put("device_id", port.deviceId())
                .put("device_owner", port.deviceOwner())
                .put("admin_state_up", port.adminStateUp())
                .put("status", port.status())
                .put("port_security_enabled", true)
                .put("binding:vnic_type", "normal")
                .put("binding:host_id", port.deviceOwner().startsWith("compute:") ? "emulator" : "")
                .put("binding:vif_type", port.deviceOwner().isEmpty() ? "unbound" : "ovs");
        node.set(
                "fixed_ips",
                Json.arrayOf(
                        port.fixedIps(),
                        ip -> Json.object().put("subnet_id", ip.subnetId()).put("ip_address", ip.ipAddress())));
        node.set("security_groups", Json.strings(port.securityGroupIds()));
        node.putArray("allowed_address_pairs");
        node.putArray("extra_dhcp_opts");
        return node;
    }

    private ApiResponse listPorts(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        return list(
                request,
                "ports",
                ports.values().stream()
                        .filter(p -> caller.canSee(p.projectId()))
                        .map(this::portBody));
    }

    private ApiResponse createPort(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        JsonNode body = request.resource(ERRORS, "port");
        String networkId = text(body, "network_id");
        if (networkId == null) {
            throw ERRORS.badRequest("Failed to parse request. Required attribute 'network_id' not specified");
        }
        Network network = usableNetwork(caller, networkId);
        Standard standard = standardFrom(caller, body, "");
        checkQuota(standard.projectId(), "port", 1);
        List<FixedIp> fixedIps = new ArrayList<>();
        JsonNode requestedIps = body.get("fixed_ips");
        if (requestedIps != null && requestedIps.isArray() && !requestedIps.isEmpty()) {
            for (JsonNode requested : requestedIps) {
                fixedIps.add(fixedIpFor(network, text(requested, "subnet_id"), text(requested, "ip_address")));
            }
        } else {
            fixedIps.addAll(allocateOnNetwork(network.id()));
        }
        List<String> groups = body.has("security_groups")
                ? Json.textList(body, "security_groups")
                : List.of(defaultSecurityGroup(standard.projectId()).id());
        for (String groupId : groups) {
            visible(securityGroups, groupId, caller, securityGroupNotFound(groupId));
        }
        Port port = newPort(
                standard,
                network.id(),
                fixedIps,
                Optional.ofNullable(text(body, "device_id")).orElse(""),
                Optional.ofNullable(text(body, "device_owner")).orElse(""),
                groups);
        ports.put(port.id(), port);
        return ApiResponse.created(Json.wrap("port", portBody(port)));
    }

    private FixedIp fixedIpFor(Network network, String subnetId, String ipAddress) {
        Subnet subnet = subnetId != null
                ? subnets.get(subnetId)
                : subnets.values().stream()
                        .filter(s -> s.networkId().equals(network.id()))
                        .filter(s -> ipAddress == null
                                || Ipv4Cidr.address(ipAddress)
                                        .map(a -> Ipv4Cidr.parse(s.cidr())
                                                .orElseThrow()
                                                .contains(a))
                                        .orElse(false))
                        .findFirst()
                        .orElse(null);
        if (subnet == null || !subnet.networkId().equals(network.id())) {
            throw ERRORS.badRequest("Invalid input for operation: Failed to create port on network " + network.id()
                    + ", because fixed_ips included invalid subnet " + subnetId + ".");
        }
        if (ipAddress == null) {
            return allocate(subnet).orElseThrow(() -> ipExhausted(network.id()));
        }
        long address = Ipv4Cidr.address(ipAddress)
                .orElseThrow(() -> ERRORS.badRequest("Invalid input for operation: IP address " + ipAddress
                        + " is not a valid IP for the specified subnet."));
        if (usedAddresses(subnet.id()).contains(address)) {
            throw ApiError.neutron(
                    409,
                    "IpAddressInUse",
                    "Unable to complete operation for network " + network.id() + ". The IP address " + ipAddress
                            + " is in use.");
        }
        return new FixedIp(subnet.id(), ipAddress);
    }

    private ApiResponse showPort(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        return ApiResponse.ok(Json.wrap(
                "port", portBody(visible(ports, request.param("id"), caller, portNotFound(request.param("id"))))));
    }

    private ApiResponse updatePort(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        Port port = visible(ports, request.param("id"), caller, portNotFound(request.param("id")));
        JsonNode body = request.resource(ERRORS, "port");
        Port updated = update(ports, port, body);
        if (body.has("security_groups")) {
            List<String> groups = Json.textList(body, "security_groups");
            groups.forEach(id -> visible(securityGroups, id, caller, securityGroupNotFound(id)));
            updated = updated.withSecurityGroups(groups);
        }
        if (body.has("device_id") || body.has("device_owner")) {
            updated = updated.boundTo(
                    Optional.ofNullable(text(body, "device_id")).orElse(port.deviceId()),
                    Optional.ofNullable(text(body, "device_owner")).orElse(port.deviceOwner()));
        }
        ports.put(updated.id(), updated);
        return ApiResponse.ok(Json.wrap("port", portBody(updated)));
    }

    private ApiResponse deletePort(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        Port port = visible(ports, request.param("id"), caller, portNotFound(request.param("id")));
        failDeleteIfPlanned("port");
        if (port.deviceOwner().equals(ROUTER_INTERFACE) || port.deviceOwner().equals(ROUTER_GATEWAY)) {
            throw ApiError.neutron(
                    409,
                    "L3PortInUse",
                    "Port " + port.id() + " cannot be deleted directly via the port API: has device owner "
                            + port.deviceOwner() + ".");
        }
        removePort(port.id());
        return ApiResponse.noContent();
    }

    /** Deleting a port disassociates the floating IPs that pointed at it, as Neutron does. */
    private void removePort(String portId) {
        ports.remove(portId);
        floatingIps.replaceAll((id, fip) -> portId.equals(fip.portId()) ? fip.associated(null, null, null) : fip);
    }

    // ---- routers ----

    private ApiError routerNotFound(String id) {
        return ApiError.neutron(404, "RouterNotFound", "Router " + id + " could not be found.");
    }

    private ObjectNode routerBody(NetworkRecords.Router r) {
        ObjectNode node = Json.object();
        writeStandard(node, r.standard());
        node.put("admin_state_up", r.adminStateUp())
                .put("status", "ACTIVE")
                .put("distributed", false)
                .put("ha", false);
        if (r.gatewayNetworkId() == null) {
            node.putNull("external_gateway_info");
        } else {
            ObjectNode gateway = node.putObject("external_gateway_info")
                    .put("network_id", r.gatewayNetworkId())
                    .put("enable_snat", r.enableSnat());
            gateway.set(
                    "external_fixed_ips",
                    Json.arrayOf(
                            r.gatewayIps(),
                            ip -> Json.object().put("subnet_id", ip.subnetId()).put("ip_address", ip.ipAddress())));
        }
        node.putArray("routes");
        node.putArray("availability_zones").add("nova");
        return node;
    }

    private ApiResponse listRouters(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        return list(
                request,
                "routers",
                routers.values().stream()
                        .filter(r -> caller.canSee(r.projectId()))
                        .map(this::routerBody));
    }

    private ApiResponse createRouter(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        JsonNode body = request.resource(ERRORS, "router");
        Standard standard = standardFrom(caller, body, "");
        checkQuota(standard.projectId(), "router", 1);
        NetworkRecords.Router created = new NetworkRecords.Router(
                standard, null, List.of(), true, body.path("admin_state_up").asBoolean(true));
        created = withGateway(created, body.get("external_gateway_info"));
        routers.put(created.id(), created);
        return ApiResponse.created(Json.wrap("router", routerBody(created)));
    }

    /** Sets, keeps or clears the external gateway; a gateway takes an address on the external network. */
    private NetworkRecords.Router withGateway(NetworkRecords.Router r, JsonNode gatewayInfo) {
        if (gatewayInfo == null) {
            return r;
        }
        String networkId = text(gatewayInfo, "network_id");
        if (gatewayInfo.isNull() || networkId == null) {
            if (floatingIps.values().stream().anyMatch(f -> r.id().equals(f.routerId()))) {
                throw ApiError.neutron(
                        409,
                        "RouterExternalGatewayInUseByFloatingIp",
                        "Gateway cannot be updated for router " + r.id() + ", since a gateway to external network "
                                + r.gatewayNetworkId() + " is required by one or more floating IPs.");
            }
            portsOf(r.id()).stream()
                    .filter(p -> p.deviceOwner().equals(ROUTER_GATEWAY))
                    .forEach(p -> ports.remove(p.id()));
            return r.withGateway(null, List.of(), true);
        }
        Network network = networks.get(networkId);
        if (network == null) {
            throw networkNotFound(networkId);
        }
        if (!network.external()) {
            throw ERRORS.badRequest("Bad router request: Network " + networkId + " is not an external network.");
        }
        if (networkId.equals(r.gatewayNetworkId())) {
            return r.withGateway(
                    networkId, r.gatewayIps(), gatewayInfo.path("enable_snat").asBoolean(r.enableSnat()));
        }
        // the gateway port belongs to no project, as in Neutron
        Port gatewayPort = newPort(
                standard("", "", "", List.of()),
                networkId,
                allocateOnNetwork(networkId),
                r.id(),
                ROUTER_GATEWAY,
                List.of());
        ports.put(gatewayPort.id(), gatewayPort);
        return r.withGateway(
                networkId,
                gatewayPort.fixedIps(),
                gatewayInfo.path("enable_snat").asBoolean(true));
    }

    private ApiResponse showRouter(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        return ApiResponse.ok(Json.wrap(
                "router",
                routerBody(visible(routers, request.param("id"), caller, routerNotFound(request.param("id"))))));
    }

    private ApiResponse updateRouter(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        NetworkRecords.Router r = visible(routers, request.param("id"), caller, routerNotFound(request.param("id")));
        JsonNode body = request.resource(ERRORS, "router");
        NetworkRecords.Router updated = update(routers, r, body);
        if (body.has("external_gateway_info")) {
            updated = withGateway(updated, body.get("external_gateway_info"));
        }
        routers.put(updated.id(), updated);
        return ApiResponse.ok(Json.wrap("router", routerBody(updated)));
    }

    private ApiResponse deleteRouter(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        NetworkRecords.Router r = visible(routers, request.param("id"), caller, routerNotFound(request.param("id")));
        failDeleteIfPlanned("router");
        if (portsOf(r.id()).stream().anyMatch(p -> p.deviceOwner().equals(ROUTER_INTERFACE))) {
            throw ApiError.neutron(409, "RouterInUse", "Router " + r.id() + " still has ports");
        }
        withGateway(r, nullNode());
        routers.remove(r.id());
        return ApiResponse.noContent();
    }

    private static JsonNode nullNode() {
        return Json.MAPPER.nullNode();
    }

    private ObjectNode interfaceBody(NetworkRecords.Router r, Port port) {
        String subnetId =
                port.fixedIps().isEmpty() ? null : port.fixedIps().getFirst().subnetId();
        ObjectNode node = Json.object()
                .put("id", r.id())
                .put("tenant_id", r.projectId())
                .put("project_id", r.projectId())
                .put("port_id", port.id())
                .put("network_id", port.networkId())
                .put("subnet_id", subnetId);
        node.set(
                "subnet_ids",
                Json.strings(port.fixedIps().stream().map(FixedIp::subnetId).toList()));
        node.set("tags", Json.strings(r.standard().tags()));
        return node;
    }

    private ApiResponse addRouterInterface(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        NetworkRecords.Router r = visible(routers, request.param("id"), caller, routerNotFound(request.param("id")));
        JsonNode body = request.json(ERRORS);
        String subnetId = text(body, "subnet_id");
        String portId = text(body, "port_id");
        if ((subnetId == null) == (portId == null)) {
            throw ERRORS.badRequest("Bad router request: Either subnet_id or port_id must be specified.");
        }
        Port port;
        if (portId != null) {
            Port existing = visible(ports, portId, caller, portNotFound(portId));
            if (!existing.deviceId().isEmpty()) {
                throw ApiError.neutron(
                        409,
                        "PortInUse",
                        "Unable to complete operation on port " + portId + " for network " + existing.networkId()
                                + ". Port already has an attached device " + existing.deviceId() + ".");
            }
            port = existing.boundTo(r.id(), ROUTER_INTERFACE).withSecurityGroups(List.of());
        } else {
            Subnet subnet = subnets.get(subnetId);
            if (subnet == null || !canUse(caller, subnet)) {
                throw subnetNotFound(subnetId);
            }
            if (subnet.gatewayIp() == null) {
                throw ERRORS.badRequest("Bad router request: Subnet for router interface must have a gateway IP.");
            }
            boolean alreadyAttached = portsOf(r.id()).stream()
                    .flatMap(p -> p.fixedIps().stream())
                    .anyMatch(ip -> ip.subnetId().equals(subnetId));
            if (alreadyAttached) {
                throw ERRORS.badRequest("Bad router request: Router already has a port on subnet " + subnetId + ".");
            }
            Network network = networks.get(subnet.networkId());
            FixedIp gateway = fixedIpFor(network, subnetId, subnet.gatewayIp());
            checkQuota(r.projectId(), "port", 1);
            port = newPort(
                    standard(r.projectId(), "", "", List.of()),
                    network.id(),
                    List.of(gateway),
                    r.id(),
                    ROUTER_INTERFACE,
                    List.of());
        }
        ports.put(port.id(), port);
        routers.put(r.id(), r.withStandard(r.standard().touched(clock.instant())));
        return ApiResponse.ok(interfaceBody(r, port));
    }

    private ApiResponse removeRouterInterface(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        NetworkRecords.Router r = visible(routers, request.param("id"), caller, routerNotFound(request.param("id")));
        JsonNode body = request.json(ERRORS);
        String subnetId = text(body, "subnet_id");
        String portId = text(body, "port_id");
        Port port = portsOf(r.id()).stream()
                .filter(p -> p.deviceOwner().equals(ROUTER_INTERFACE))
                .filter(p -> p.id().equals(portId)
                        || p.fixedIps().stream().anyMatch(ip -> ip.subnetId().equals(subnetId)))
                .findFirst()
                .orElseThrow(() -> subnetId != null
                        ? ApiError.neutron(
                                404,
                                "RouterInterfaceNotFoundForSubnet",
                                "Router " + r.id() + " has no interface on subnet " + subnetId)
                        : ApiError.neutron(
                                404,
                                "RouterInterfaceNotFound",
                                "Router " + r.id() + " does not have an interface with id " + portId));
        Set<String> interfaceSubnets =
                new HashSet<>(port.fixedIps().stream().map(FixedIp::subnetId).toList());
        boolean neededByFloatingIp = floatingIps.values().stream()
                .filter(f -> r.id().equals(f.routerId()))
                .map(f -> ports.get(f.portId()))
                .filter(Objects::nonNull)
                .flatMap(p -> p.fixedIps().stream())
                .anyMatch(ip -> interfaceSubnets.contains(ip.subnetId()));
        if (neededByFloatingIp) {
            throw ApiError.neutron(
                    409,
                    "RouterInterfaceInUseByFloatingIP",
                    "Router interface for subnet " + String.join(",", interfaceSubnets) + " on router " + r.id()
                            + " cannot be deleted, as it is required by one or more floating IPs.");
        }
        ports.remove(port.id());
        return ApiResponse.ok(interfaceBody(r, port));
    }

    // ---- security groups and rules ----

    private ApiError securityGroupNotFound(String id) {
        return ApiError.neutron(404, "SecurityGroupNotFound", "Security group " + id + " does not exist");
    }

    private void ensureDefaultSecurityGroup(String projectId) {
        if (projectId.isEmpty() || !keystone.projectExists(projectId)) {
            return;
        }
        boolean present =
                securityGroups.values().stream().anyMatch(g -> g.projectId().equals(projectId) && g.isDefault());
        if (!present) {
            SecurityGroup group =
                    new SecurityGroup(standard(projectId, "default", "Default security group", List.of()), true);
            securityGroups.put(group.id(), group);
            addDefaultRules(group, true);
        }
    }

    private SecurityGroup defaultSecurityGroup(String projectId) {
        ensureDefaultSecurityGroup(projectId);
        return securityGroups.values().stream()
                .filter(g -> g.projectId().equals(projectId) && g.isDefault())
                .findFirst()
                .orElseThrow();
    }

    /** Every group allows all egress; "default" also lets its members talk to each other. */
    private void addDefaultRules(SecurityGroup group, boolean membersTalk) {
        for (String ethertype : List.of("IPv4", "IPv6")) {
            addRule(new SecurityGroupRule(
                    standard(group.projectId(), "", "", List.of()),
                    group.id(),
                    "egress",
                    ethertype,
                    null,
                    null,
                    null,
                    null,
                    null));
            if (membersTalk) {
                addRule(new SecurityGroupRule(
                        standard(group.projectId(), "", "", List.of()),
                        group.id(),
                        "ingress",
                        ethertype,
                        null,
                        null,
                        null,
                        null,
                        group.id()));
            }
        }
    }

    private void addRule(SecurityGroupRule rule) {
        rules.put(rule.id(), rule);
    }

    private ObjectNode ruleBody(SecurityGroupRule rule) {
        ObjectNode node = Json.object();
        writeStandard(node, rule.standard());
        node.remove("name");
        node.put("security_group_id", rule.securityGroupId())
                .put("direction", rule.direction())
                .put("ethertype", rule.ethertype())
                .put("protocol", rule.protocol())
                .put("remote_ip_prefix", rule.remoteIpPrefix())
                .put("remote_group_id", rule.remoteGroupId())
                .putNull("remote_address_group_id");
        if (rule.portRangeMin() == null) {
            node.putNull("port_range_min");
        } else {
            node.put("port_range_min", rule.portRangeMin());
        }
        if (rule.portRangeMax() == null) {
            node.putNull("port_range_max");
        } else {
            node.put("port_range_max", rule.portRangeMax());
        }
        return node;
    }

    private ObjectNode securityGroupBody(SecurityGroup group) {
        ObjectNode node = Json.object();
        writeStandard(node, group.standard());
        node.put("stateful", group.stateful());
        node.set(
                "security_group_rules",
                Json.arrayOf(
                        rules.values().stream()
                                .filter(r -> r.securityGroupId().equals(group.id()))
                                .toList(),
                        this::ruleBody));
        return node;
    }

    private ApiResponse listSecurityGroups(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        ensureDefaultSecurityGroup(caller.projectId());
        return list(
                request,
                "security_groups",
                securityGroups.values().stream()
                        .filter(g -> caller.canSee(g.projectId()))
                        .map(this::securityGroupBody));
    }

    private ApiResponse createSecurityGroup(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        JsonNode body = request.resource(ERRORS, "security_group");
        Standard standard = standardFrom(caller, body, "");
        if ("default".equals(standard.name())) {
            throw ApiError.neutron(409, "SecurityGroupDefaultAlreadyExists", "Default security group already exists.");
        }
        ensureDefaultSecurityGroup(standard.projectId());
        checkQuota(standard.projectId(), "security_group", 1);
        SecurityGroup group = new SecurityGroup(standard, body.path("stateful").asBoolean(true));
        securityGroups.put(group.id(), group);
        addDefaultRules(group, false);
        return ApiResponse.created(Json.wrap("security_group", securityGroupBody(group)));
    }

    private ApiResponse showSecurityGroup(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        SecurityGroup group =
                visible(securityGroups, request.param("id"), caller, securityGroupNotFound(request.param("id")));
        return ApiResponse.ok(Json.wrap("security_group", securityGroupBody(group)));
    }

    private ApiResponse updateSecurityGroup(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        SecurityGroup group =
                visible(securityGroups, request.param("id"), caller, securityGroupNotFound(request.param("id")));
        SecurityGroup updated = update(securityGroups, group, request.resource(ERRORS, "security_group"));
        return ApiResponse.ok(Json.wrap("security_group", securityGroupBody(updated)));
    }

    private ApiResponse deleteSecurityGroup(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        SecurityGroup group =
                visible(securityGroups, request.param("id"), caller, securityGroupNotFound(request.param("id")));
        failDeleteIfPlanned("security_group");
        if (group.isDefault() && !caller.isAdmin()) {
            throw ApiError.neutron(
                    409,
                    "SecurityGroupCannotRemoveDefault",
                    "Insufficient rights for removing default security group.");
        }
        if (ports.values().stream().anyMatch(p -> p.securityGroupIds().contains(group.id()))) {
            throw ApiError.neutron(409, "SecurityGroupInUse", "Security Group " + group.id() + " in use.");
        }
        securityGroups.remove(group.id());
        rules.values().removeIf(r -> r.securityGroupId().equals(group.id()));
        return ApiResponse.noContent();
    }

    private ApiError ruleNotFound(String id) {
        return ApiError.neutron(404, "SecurityGroupRuleNotFound", "Security group rule " + id + " does not exist");
    }

    private ApiResponse listRules(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        return list(
                request,
                "security_group_rules",
                rules.values().stream()
                        .filter(r -> caller.canSee(r.projectId()))
                        .map(this::ruleBody));
    }

    private ApiResponse createRule(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        JsonNode body = request.resource(ERRORS, "security_group_rule");
        String groupId = text(body, "security_group_id");
        if (groupId == null) {
            throw ERRORS.badRequest("Failed to parse request. Required attribute 'security_group_id' not specified");
        }
        SecurityGroup group = visible(securityGroups, groupId, caller, securityGroupNotFound(groupId));
        String direction = text(body, "direction");
        if (!"ingress".equals(direction) && !"egress".equals(direction)) {
            throw ERRORS.badRequest("Invalid input for direction. Reason: " + direction + " is not in valid_values.");
        }
        String ethertype = Optional.ofNullable(text(body, "ethertype")).orElse("IPv4");
        if (!ethertype.equals("IPv4") && !ethertype.equals("IPv6")) {
            throw ERRORS.badRequest("Invalid input for ethertype. Reason: " + ethertype + " is not in valid_values.");
        }
        String protocol = text(body, "protocol");
        Integer min =
                body.hasNonNull("port_range_min") ? body.get("port_range_min").asInt() : null;
        Integer max =
                body.hasNonNull("port_range_max") ? body.get("port_range_max").asInt() : null;
        if ((min != null || max != null) && protocol == null) {
            throw ApiError.neutron(
                    400,
                    "SecurityGroupProtocolRequiredWithPorts",
                    "Must also specify protocol if port range is given.");
        }
        if (min != null && max != null && min > max) {
            throw ApiError.neutron(
                    400,
                    "SecurityGroupInvalidPortRange",
                    "For TCP/UDP protocols, port_range_min must be <= port_range_max");
        }
        if (min != null && (min < 0 || min > 65535) || max != null && (max < 0 || max > 65535)) {
            throw ApiError.neutron(400, "SecurityGroupInvalidPortValue", "Invalid value for port " + min);
        }
        String remoteGroup = text(body, "remote_group_id");
        if (remoteGroup != null) {
            visible(securityGroups, remoteGroup, caller, securityGroupNotFound(remoteGroup));
        }
        SecurityGroupRule rule = new SecurityGroupRule(
                standard(
                        group.projectId(),
                        "",
                        Optional.ofNullable(text(body, "description")).orElse(""),
                        List.of()),
                group.id(),
                direction,
                ethertype,
                protocol,
                min,
                max,
                text(body, "remote_ip_prefix"),
                remoteGroup);
        Optional<SecurityGroupRule> duplicate =
                rules.values().stream().filter(rule::sameAs).findFirst();
        if (duplicate.isPresent()) {
            throw ApiError.neutron(
                    409,
                    "SecurityGroupRuleExists",
                    "Security group rule already exists. Rule id is "
                            + duplicate.get().id() + ".");
        }
        checkQuota(group.projectId(), "security_group_rule", 1);
        addRule(rule);
        return ApiResponse.created(Json.wrap("security_group_rule", ruleBody(rule)));
    }

    private ApiResponse showRule(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        return ApiResponse.ok(Json.wrap(
                "security_group_rule",
                ruleBody(visible(rules, request.param("id"), caller, ruleNotFound(request.param("id"))))));
    }

    private ApiResponse deleteRule(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        SecurityGroupRule rule = visible(rules, request.param("id"), caller, ruleNotFound(request.param("id")));
        rules.remove(rule.id());
        return ApiResponse.noContent();
    }

    // ---- floating IPs ----

    private ApiError floatingIpNotFound(String id) {
        return ApiError.neutron(404, "FloatingIPNotFound", "Floating IP " + id + " could not be found");
    }

    private ObjectNode floatingIpBody(FloatingIp fip) {
        ObjectNode node = Json.object();
        writeStandard(node, fip.standard());
        node.remove("name");
        node.put("floating_network_id", fip.floatingNetworkId())
                .put("floating_ip_address", fip.floatingIpAddress())
                .put("port_id", fip.portId())
                .put("fixed_ip_address", fip.fixedIpAddress())
                .put("router_id", fip.routerId())
                .put("status", fip.status());
        node.putArray("port_forwardings");
        return node;
    }

    private ApiResponse listFloatingIps(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        return list(
                request,
                "floatingips",
                floatingIps.values().stream()
                        .filter(f -> caller.canSee(f.projectId()))
                        .map(this::floatingIpBody));
    }

    private ApiResponse createFloatingIp(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        JsonNode body = request.resource(ERRORS, "floatingip");
        String networkId = text(body, "floating_network_id");
        if (networkId == null) {
            throw ERRORS.badRequest("Failed to parse request. Required attribute 'floating_network_id' not specified");
        }
        Network network = networks.get(networkId);
        if (network == null) {
            throw networkNotFound(networkId);
        }
        if (!network.external()) {
            throw ERRORS.badRequest(
                    "Bad floatingip request: Network " + networkId + " is not a valid external network.");
        }
        Standard standard = standardFrom(caller, body, "");
        checkQuota(standard.projectId(), "floatingip", 1);
        FixedIp address = allocateOnNetwork(networkId).stream().findFirst().orElseThrow(() -> ipExhausted(networkId));
        FloatingIp fip = new FloatingIp(standard, networkId, address.ipAddress(), null, null, null);
        String portId = text(body, "port_id");
        if (portId != null) {
            fip = associate(caller, fip, portId, text(body, "fixed_ip_address"));
        }
        floatingIps.put(fip.id(), fip);
        return ApiResponse.created(Json.wrap("floatingip", floatingIpBody(fip)));
    }

    /** A floating IP reaches a port only through a router with a gateway on the floating IP's network. */
    private FloatingIp associate(AuthContext caller, FloatingIp fip, String portId, String fixedIp) {
        Port port = visible(ports, portId, caller, portNotFound(portId));
        if (port.fixedIps().isEmpty()) {
            throw ERRORS.badRequest("Bad floatingip request: Port " + portId + " does not have any IP addresses.");
        }
        FixedIp target = port.fixedIps().stream()
                .filter(ip -> fixedIp == null || ip.ipAddress().equals(fixedIp))
                .findFirst()
                .orElseThrow(() -> ERRORS.badRequest(
                        "Bad floatingip request: Port " + portId + " does not have fixed ip " + fixedIp + "."));
        floatingIps.values().stream()
                .filter(other -> portId.equals(other.portId()) && !other.id().equals(fip.id()))
                .findFirst()
                .ifPresent(other -> {
                    throw ApiError.neutron(
                            409,
                            "FloatingIPPortAlreadyAssociated",
                            "Cannot associate floating IP " + fip.floatingIpAddress() + " (" + fip.id()
                                    + ") with port " + portId + " using fixed IP " + target.ipAddress()
                                    + ", as that fixed IP already has a floating IP on external network "
                                    + other.floatingNetworkId() + ".");
                });
        String routerId = routers.values().stream()
                .filter(r -> fip.floatingNetworkId().equals(r.gatewayNetworkId()))
                .filter(r -> portsOf(r.id()).stream()
                        .filter(p -> p.deviceOwner().equals(ROUTER_INTERFACE))
                        .flatMap(p -> p.fixedIps().stream())
                        .anyMatch(ip -> ip.subnetId().equals(target.subnetId())))
                .map(NetworkRecords.Router::id)
                .findFirst()
                .orElseThrow(() -> ApiError.neutron(
                        404,
                        "ExternalGatewayForFloatingIPNotFound",
                        "External network " + fip.floatingNetworkId() + " is not reachable from subnet "
                                + target.subnetId() + ".  Therefore, cannot associate Port " + portId
                                + " with a Floating IP."));
        return fip.associated(portId, target.ipAddress(), routerId);
    }

    private ApiResponse showFloatingIp(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        return ApiResponse.ok(Json.wrap(
                "floatingip",
                floatingIpBody(
                        visible(floatingIps, request.param("id"), caller, floatingIpNotFound(request.param("id"))))));
    }

    private ApiResponse updateFloatingIp(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        FloatingIp fip = visible(floatingIps, request.param("id"), caller, floatingIpNotFound(request.param("id")));
        JsonNode body = request.resource(ERRORS, "floatingip");
        FloatingIp updated = fip;
        if (body.has("description")) {
            updated = updated.withStandard(
                    fip.standard().renamed(fip.name(), text(body, "description"), clock.instant()));
        }
        if (body.has("port_id")) {
            String portId = text(body, "port_id");
            updated = portId == null
                    ? updated.associated(null, null, null)
                    : associate(caller, updated, portId, text(body, "fixed_ip_address"));
        }
        floatingIps.put(updated.id(), updated);
        return ApiResponse.ok(Json.wrap("floatingip", floatingIpBody(updated)));
    }

    private ApiResponse deleteFloatingIp(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        FloatingIp fip = visible(floatingIps, request.param("id"), caller, floatingIpNotFound(request.param("id")));
        failDeleteIfPlanned("floatingip");
        floatingIps.remove(fip.id());
        return ApiResponse.noContent();
    }

    // ---- tags (standard-attr-tag) ----

    private Map<String, ? extends Resource<?>> collection(String name) {
        return switch (name) {
            case "networks" -> networks;
            case "subnets" -> subnets;
            case "ports" -> ports;
            case "routers" -> routers;
            case "security-groups", "security_groups" -> securityGroups;
            case "floatingips" -> floatingIps;
            default -> throw ERRORS.notFound("The resource could not be found.");
        };
    }

    private Resource<?> taggable(ApiRequest request, AuthContext caller) {
        Resource<?> resource = collection(request.param("collection")).get(request.param("id"));
        if (resource == null || !caller.canSee(resource.projectId())) {
            throw ERRORS.notFound("The resource could not be found.");
        }
        return resource;
    }

    @SuppressWarnings("unchecked")
    private <T extends Resource<T>> List<String> retag(Resource<?> resource, String collectionName, List<String> tags) {
        Map<String, T> map = (Map<String, T>) collection(collectionName);
        T typed = (T) resource;
        List<String> distinct = tags.stream().distinct().toList();
        map.put(typed.id(), typed.withStandard(typed.standard().withTags(distinct, clock.instant())));
        return distinct;
    }

    private ApiResponse listTags(ApiRequest request) {
        Resource<?> resource = taggable(request, keystone.authenticate(request));
        return ApiResponse.ok(Json.wrap("tags", Json.strings(resource.standard().tags())));
    }

    private ApiResponse replaceTags(ApiRequest request) {
        Resource<?> resource = taggable(request, keystone.authenticate(request));
        List<String> tags = Json.textList(request.json(ERRORS), "tags");
        return ApiResponse.ok(Json.wrap("tags", Json.strings(retag(resource, request.param("collection"), tags))));
    }

    private ApiResponse deleteAllTags(ApiRequest request) {
        Resource<?> resource = taggable(request, keystone.authenticate(request));
        retag(resource, request.param("collection"), List.of());
        return ApiResponse.noContent();
    }

    private ApiError tagNotFound(String tag) {
        return ApiError.neutron(404, "TagNotFound", "Tag " + tag + " could not be found.");
    }

    private ApiResponse checkTag(ApiRequest request) {
        Resource<?> resource = taggable(request, keystone.authenticate(request));
        if (!resource.standard().tags().contains(request.param("tag"))) {
            throw tagNotFound(request.param("tag"));
        }
        return ApiResponse.noContent();
    }

    private ApiResponse addTag(ApiRequest request) {
        Resource<?> resource = taggable(request, keystone.authenticate(request));
        List<String> tags = new ArrayList<>(resource.standard().tags());
        if (tags.contains(request.param("tag"))) {
            return ApiResponse.created(null);
        }
        tags.add(request.param("tag"));
        retag(resource, request.param("collection"), tags);
        return ApiResponse.created(null);
    }

    private ApiResponse deleteTag(ApiRequest request) {
        Resource<?> resource = taggable(request, keystone.authenticate(request));
        List<String> tags = new ArrayList<>(resource.standard().tags());
        if (!tags.remove(request.param("tag"))) {
            throw tagNotFound(request.param("tag"));
        }
        retag(resource, request.param("collection"), tags);
        return ApiResponse.noContent();
    }

    // ---- quotas ----

    private ObjectNode quotaBody(String projectId) {
        ObjectNode node = Json.object();
        DEFAULT_QUOTAS.keySet().stream().sorted().forEach(resource -> node.put(resource, limit(projectId, resource)));
        return node;
    }

    private String quotaProject(ApiRequest request, AuthContext caller) {
        String projectId = request.param("project");
        if (!caller.canSee(projectId)) {
            throw ApiError.neutron(403, "PolicyNotAuthorized", "rule:get_quota is disallowed by policy");
        }
        return projectId;
    }

    private ApiResponse listQuotas(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        ArrayNode list = Json.array();
        quotas.keySet().stream().filter(caller::canSee).forEach(projectId -> {
            ObjectNode node = quotaBody(projectId);
            node.put("project_id", projectId).put("tenant_id", projectId);
            list.add(node);
        });
        return ApiResponse.ok(Json.wrap("quotas", list));
    }

    private ApiResponse showQuota(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        return ApiResponse.ok(Json.wrap("quota", quotaBody(quotaProject(request, caller))));
    }

    private ApiResponse showQuotaDetails(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        String projectId = quotaProject(request, caller);
        ObjectNode details = Json.object();
        DEFAULT_QUOTAS.keySet().stream()
                .sorted()
                .forEach(resource -> details.putObject(resource)
                        .put("limit", limit(projectId, resource))
                        .put("used", countOf(resource, projectId))
                        .put("reserved", 0));
        return ApiResponse.ok(Json.wrap("quota", details));
    }

    private ApiResponse updateQuota(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        if (!caller.isAdmin()) {
            throw ApiError.neutron(403, "PolicyNotAuthorized", "rule:update_quota is disallowed by policy");
        }
        String projectId = request.param("project");
        JsonNode body = request.resource(ERRORS, "quota");
        Map<String, Integer> limits = new LinkedHashMap<>(quotas.getOrDefault(projectId, Map.of()));
        for (var field : body.properties()) {
            String resource = field.getKey();
            if (!DEFAULT_QUOTAS.containsKey(resource)) {
                throw ERRORS.badRequest("Unrecognized attribute(s) '" + resource + "'");
            }
            limits.put(resource, field.getValue().asInt());
        }
        quotas.put(projectId, Map.copyOf(limits));
        return ApiResponse.ok(Json.wrap("quota", quotaBody(projectId)));
    }

    private ApiResponse resetQuota(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        if (!caller.isAdmin()) {
            throw ApiError.neutron(403, "PolicyNotAuthorized", "rule:delete_quota is disallowed by policy");
        }
        quotas.remove(request.param("project"));
        return ApiResponse.noContent();
    }
}
