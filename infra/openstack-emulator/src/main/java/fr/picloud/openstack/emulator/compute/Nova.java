package fr.picloud.openstack.emulator.compute;

import static fr.picloud.openstack.emulator.http.Json.text;

import fr.picloud.openstack.emulator.EmulatedService;
import fr.picloud.openstack.emulator.Inventory;
import fr.picloud.openstack.emulator.compute.ComputeRecords.Fate;
import fr.picloud.openstack.emulator.compute.ComputeRecords.Flavor;
import fr.picloud.openstack.emulator.compute.ComputeRecords.Keypair;
import fr.picloud.openstack.emulator.compute.ComputeRecords.Server;
import fr.picloud.openstack.emulator.compute.ComputeRecords.Task;
import fr.picloud.openstack.emulator.compute.ComputeRecords.TaskKind;
import fr.picloud.openstack.emulator.fault.Faults;
import fr.picloud.openstack.emulator.http.ApiError;
import fr.picloud.openstack.emulator.http.ApiRequest;
import fr.picloud.openstack.emulator.http.ApiResponse;
import fr.picloud.openstack.emulator.http.ErrorStyle;
import fr.picloud.openstack.emulator.http.Json;
import fr.picloud.openstack.emulator.http.Microversion;
import fr.picloud.openstack.emulator.http.ResponseLost;
import fr.picloud.openstack.emulator.http.Router;
import fr.picloud.openstack.emulator.identity.AuthContext;
import fr.picloud.openstack.emulator.identity.Keystone;
import fr.picloud.openstack.emulator.image.Glance;
import fr.picloud.openstack.emulator.network.NetworkRecords.FixedIp;
import fr.picloud.openstack.emulator.network.NetworkRecords.Network;
import fr.picloud.openstack.emulator.network.NetworkRecords.Port;
import fr.picloud.openstack.emulator.network.NetworkRecords.SecurityGroup;
import fr.picloud.openstack.emulator.network.Neutron;
import fr.picloud.openstack.emulator.state.CloudState;
import fr.picloud.openstack.emulator.volume.Cinder;
import fr.picloud.openstack.emulator.volume.Cinder.Volume;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Nova 2.1: flavors, servers (networks or ports, key pair, security groups, metadata, tags; BUILD ->
 * ACTIVE after a delay; start/stop, reboot, resize with its confirmation or revert; filtered lists), key
 * pairs, volume attachments, quotas and limits.
 *
 * <p>Per-server fault triggers ride in the boot request's metadata, as Mimic does:
 * {@code emulator:fate} = error | build-forever, {@code emulator:build-ms} = N,
 * {@code emulator:create-fails} = 500 | 503 (nothing is created), {@code emulator:response-lost} =
 * 500 | 503 | hang (the server is created but the answer is lost), {@code emulator:delete-failures} = N.
 */
public final class Nova implements EmulatedService {

    /** Highest microversion served: below 2.47, so servers still carry the flavor as a reference. */
    static final String MAX_MICROVERSION = "2.46";

    private static final ErrorStyle ERRORS = ErrorStyle.NOVA;
    private static final String UNEXPECTED_API_ERROR = "Unexpected API Error. Please report this at "
            + "http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.";
    private static final Pattern KEYPAIR_NAME = Pattern.compile("[A-Za-z0-9 _.@-]{1,255}");
    private static final List<Flavor> FLAVORS = List.of(
            new Flavor("1", "m1.tiny", 512, 1, 1),
            new Flavor("2", "m1.small", 2048, 1, 20),
            new Flavor("3", "m1.medium", 4096, 2, 40),
            new Flavor("4", "m1.large", 8192, 4, 80),
            new Flavor("5", "m1.xlarge", 16384, 8, 160));
    private static final Map<String, Integer> DEFAULT_QUOTAS = Map.ofEntries(
            Map.entry("instances", 10),
            Map.entry("cores", 20),
            Map.entry("ram", 51200),
            Map.entry("key_pairs", 100),
            Map.entry("metadata_items", 128),
            Map.entry("injected_files", 5),
            Map.entry("injected_file_content_bytes", 10240),
            Map.entry("injected_file_path_bytes", 255),
            Map.entry("server_groups", 10),
            Map.entry("server_group_members", 10));

    private final Clock clock;
    private final Duration buildTime;
    private final Keystone keystone;
    private final Neutron neutron;
    private final Cinder cinder;
    private final Glance glance;
    private final Faults faults;
    private final SecureRandom random = new SecureRandom();
    private final Router router = new Router();
    private final Map<String, Server> servers;
    private final Map<String, Keypair> keypairs;
    private final Map<String, Map<String, Integer>> quotas;

    public Nova(
            Clock clock,
            Duration buildTime,
            Keystone keystone,
            Neutron neutron,
            Cinder cinder,
            Glance glance,
            Faults faults,
            CloudState state) {
        this.clock = clock;
        this.buildTime = buildTime;
        this.keystone = keystone;
        this.neutron = neutron;
        this.cinder = cinder;
        this.glance = glance;
        this.faults = faults;
        this.servers = state.table("compute.servers", String.class, Server.class);
        this.keypairs = state.table("compute.keypairs", String.class, Keypair.class);
        this.quotas = state.table("compute.quotas", new TypeReference<>() {});
        routes();
    }

    @Override
    public String type() {
        return "compute";
    }

    @Override
    public String prefix() {
        return "/compute";
    }

    @Override
    public ErrorStyle errors() {
        return ERRORS;
    }

    @Override
    public ApiResponse handle(ApiRequest request, String relativePath) {
        return router.dispatch(request, relativePath, ERRORS);
    }

    @Override
    public void reset() {
        servers.clear();
        keypairs.clear();
        quotas.clear();
    }

    @Override
    public void describe(Inventory inventory) {
        Instant now = clock.instant();
        servers.values().forEach(s -> inventory.add(s.projectId(), "servers", s.id(), s.name(), s.status(now)));
        keypairs.values().forEach(k -> inventory.add(k.projectId(), "keypairs", k.name(), k.name(), null));
    }

    private void routes() {
        router.get("/", this::versions)
                .get("/v2.1", this::version)
                .get("/v2.1/flavors", this::listFlavors)
                .get("/v2.1/flavors/detail", this::listFlavorsDetailed)
                .get("/v2.1/flavors/{id}", this::showFlavor)
                .get("/v2.1/flavors/{id}/os-extra_specs", this::listExtraSpecs)
                .get("/v2.1/flavors/{id}/os-extra_specs/{key}", this::showExtraSpec)
                .get("/v2.1/os-availability-zone/detail", this::availabilityZonesDetailed)
                .get("/v2.1/os-hypervisors", this::listHypervisors)
                .get("/v2.1/os-hypervisors/detail", this::listHypervisorsDetailed)
                .get("/v2.1/os-hypervisors/{id}", this::showHypervisor)
                .get("/v2.1/servers", this::listServers)
                .get("/v2.1/servers/detail", this::listServersDetailed)
                .post("/v2.1/servers", faults.creating("server", ERRORS, this::createServer))
                .get("/v2.1/servers/{id}", this::showServer)
                .put("/v2.1/servers/{id}", this::updateServer)
                .delete("/v2.1/servers/{id}", this::deleteServer)
                .post("/v2.1/servers/{id}/action", this::serverAction)
                .get("/v2.1/servers/{id}/metadata", this::showMetadata)
                .put("/v2.1/servers/{id}/metadata", this::replaceMetadata)
                .post("/v2.1/servers/{id}/metadata", this::mergeMetadata)
                .delete("/v2.1/servers/{id}/metadata/{key}", this::deleteMetadataItem)
                .get("/v2.1/servers/{id}/tags", this::listTags)
                .put("/v2.1/servers/{id}/tags", this::replaceTags)
                .delete("/v2.1/servers/{id}/tags", this::deleteAllTags)
                .get("/v2.1/servers/{id}/tags/{tag}", this::checkTag)
                .put("/v2.1/servers/{id}/tags/{tag}", this::addTag)
                .delete("/v2.1/servers/{id}/tags/{tag}", this::deleteTag)
                .get("/v2.1/servers/{id}/os-interface", this::listInterfaces)
                .get("/v2.1/servers/{id}/os-volume_attachments", this::listVolumeAttachments)
                .post(
                        "/v2.1/servers/{id}/os-volume_attachments",
                        faults.creating("volume_attachment", ERRORS, this::attachVolume))
                .get("/v2.1/servers/{id}/os-volume_attachments/{volume}", this::showVolumeAttachment)
                .delete("/v2.1/servers/{id}/os-volume_attachments/{volume}", this::detachVolume)
                .get("/v2.1/os-keypairs", this::listKeypairs)
                .post("/v2.1/os-keypairs", faults.creating("keypair", ERRORS, this::createKeypair))
                .get("/v2.1/os-keypairs/{name}", this::showKeypair)
                .delete("/v2.1/os-keypairs/{name}", this::deleteKeypair)
                .get("/v2.1/os-quota-sets/{project}", this::showQuota)
                .get("/v2.1/os-quota-sets/{project}/detail", this::showQuotaDetail)
                .get("/v2.1/os-quota-sets/{project}/defaults", this::showDefaultQuota)
                .put("/v2.1/os-quota-sets/{project}", this::updateQuota)
                .delete("/v2.1/os-quota-sets/{project}", this::resetQuota)
                .get("/v2.1/limits", this::limits)
                .get("/v2.1/os-availability-zone", this::availabilityZones);
    }

    // ---- versions and microversions ----

    private ObjectNode versionDocument(ApiRequest request) {
        ObjectNode version = Json.object()
                .put("id", "v2.1")
                .put("status", "CURRENT")
                .put("version", MAX_MICROVERSION)
                .put("min_version", "2.1")
                .put("updated", "2013-07-23T11:33:21Z");
        version.putArray("links")
                .add(Json.object().put("rel", "self").put("href", request.baseUrl() + "/compute/v2.1/"));
        version.putArray("media-types")
                .add(Json.object()
                        .put("base", "application/json")
                        .put("type", "application/vnd.openstack.compute+json;version=2.1"));
        return version;
    }

    private ApiResponse versions(ApiRequest request) {
        return ApiResponse.ok(Json.wrap("versions", Json.array().add(versionDocument(request))));
    }

    private ApiResponse version(ApiRequest request) {
        return ApiResponse.ok(Json.wrap("version", versionDocument(request)));
    }

    /** The requested microversion's minor; 1 (2.1) when none is asked for. */
    private static int microversion(ApiRequest request) {
        return Microversion.minor(
                request, "compute", request.header("X-OpenStack-Nova-API-Version"), "2.1", MAX_MICROVERSION);
    }

    private static boolean atLeast(ApiRequest request, int minor) {
        return microversion(request) >= minor;
    }

    private static ApiResponse versioned(ApiRequest request, ApiResponse response) {
        String value = "2." + microversion(request);
        return response.withHeader("OpenStack-API-Version", "compute " + value)
                .withHeader("X-OpenStack-Nova-API-Version", value)
                .withHeader("Vary", "OpenStack-API-Version, X-OpenStack-Nova-API-Version");
    }

    // ---- flavors ----

    private static ObjectNode flavorRef(Flavor flavor, ApiRequest request) {
        ObjectNode node = Json.object().put("id", flavor.id());
        node.putArray("links")
                .add(Json.object()
                        .put("rel", "bookmark")
                        .put("href", request.baseUrl() + "/compute/flavors/" + flavor.id()));
        return node;
    }

    private static ObjectNode flavorBody(Flavor flavor, ApiRequest request) {
        ObjectNode node = flavorRef(flavor, request)
                .put("name", flavor.name())
                .put("ram", flavor.ramMb())
                .put("vcpus", flavor.vcpus())
                .put("disk", flavor.diskGb())
                .put("OS-FLV-EXT-DATA:ephemeral", 0)
                .put("swap", "")
                .put("rxtx_factor", 1.0)
                .put("os-flavor-access:is_public", true)
                .put("OS-FLV-DISABLED:disabled", false);
        return node;
    }

    private ApiResponse listFlavors(ApiRequest request) {
        keystone.authenticate(request);
        ArrayNode items = Json.array();
        flavors(request).forEach(f -> items.add(flavorRef(f, request).put("name", f.name())));
        return versioned(request, ApiResponse.ok(Json.wrap("flavors", items)));
    }

    private ApiResponse listFlavorsDetailed(ApiRequest request) {
        keystone.authenticate(request);
        ArrayNode items = Json.array();
        flavors(request).forEach(f -> items.add(flavorBody(f, request)));
        return versioned(request, ApiResponse.ok(Json.wrap("flavors", items)));
    }

    private static Stream<Flavor> flavors(ApiRequest request) {
        int minRam = request.queryParam("minRam").map(Integer::parseInt).orElse(0);
        int minDisk = request.queryParam("minDisk").map(Integer::parseInt).orElse(0);
        return FLAVORS.stream().filter(f -> f.ramMb() >= minRam && f.diskGb() >= minDisk);
    }

    private static Optional<Flavor> flavor(String idOrName) {
        return FLAVORS.stream()
                .filter(f -> f.id().equals(idOrName) || f.name().equals(idOrName))
                .findFirst();
    }

    private ApiResponse showFlavor(ApiRequest request) {
        keystone.authenticate(request);
        return versioned(request, ApiResponse.ok(Json.wrap("flavor", flavorBody(flavorById(request), request))));
    }

    private static Flavor flavorById(ApiRequest request) {
        String id = request.param("id");
        return flavorWithId(id).orElseThrow(() -> ERRORS.notFound("Flavor " + id + " could not be found."));
    }

    private static Optional<Flavor> flavorWithId(String id) {
        return FLAVORS.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** The seeded flavors have no extra specs (no hw:, no aggregate pinning): an empty map, as Nova answers. */
    private ApiResponse listExtraSpecs(ApiRequest request) {
        keystone.authenticate(request);
        flavorById(request);
        return versioned(request, ApiResponse.ok(Json.wrap("extra_specs", Json.object())));
    }

    private ApiResponse showExtraSpec(ApiRequest request) {
        keystone.authenticate(request);
        Flavor flavor = flavorById(request);
        throw ERRORS.notFound("Flavor " + flavor.id() + " has no extra specs with key " + request.param("key") + ".");
    }

    // ---- servers ----

    private ApiError serverNotFound(String id) {
        return ERRORS.notFound("Instance " + id + " could not be found.");
    }

    private Server visibleServer(AuthContext caller, String id) {
        Server server = servers.get(id);
        if (server == null || !caller.canSee(server.projectId())) {
            throw serverNotFound(id);
        }
        return server;
    }

    private static ArrayNode serverLinks(String id, ApiRequest request) {
        ArrayNode links = Json.array();
        links.addObject().put("rel", "self").put("href", request.baseUrl() + "/compute/v2.1/servers/" + id);
        links.addObject().put("rel", "bookmark").put("href", request.baseUrl() + "/compute/servers/" + id);
        return links;
    }

    private ObjectNode addresses(Server server) {
        ObjectNode addresses = Json.object();
        for (Port port : neutron.portsOf(server.id())) {
            ArrayNode onNetwork = addresses.has(neutron.networkName(port.networkId()))
                    ? (ArrayNode) addresses.get(neutron.networkName(port.networkId()))
                    : addresses.putArray(neutron.networkName(port.networkId()));
            for (FixedIp ip : port.fixedIps()) {
                onNetwork
                        .addObject()
                        .put("version", 4)
                        .put("addr", ip.ipAddress())
                        .put("OS-EXT-IPS:type", "fixed")
                        .put("OS-EXT-IPS-MAC:mac_addr", port.macAddress());
            }
            neutron.floatingIpOn(port.id())
                    .ifPresent(fip -> onNetwork
                            .addObject()
                            .put("version", 4)
                            .put("addr", fip.floatingIpAddress())
                            .put("OS-EXT-IPS:type", "floating")
                            .put("OS-EXT-IPS-MAC:mac_addr", port.macAddress()));
        }
        return addresses;
    }

    private ObjectNode serverBody(Server server, ApiRequest request) {
        Instant now = clock.instant();
        String status = server.status(now);
        String vmState = server.vmState(now);
        ObjectNode node = Json.object()
                .put("id", server.id())
                .put("name", server.name())
                .put("status", status)
                .put("tenant_id", server.projectId())
                .put("user_id", server.userId())
                .put(
                        "hostId",
                        status.equals("BUILD")
                                ? ""
                                : Integer.toHexString(server.projectId().hashCode()))
                .put("created", Json.seconds(server.createdAt()))
                .put("updated", Json.seconds(server.updatedAt()))
                .put("accessIPv4", "")
                .put("accessIPv6", "")
                .put("OS-DCF:diskConfig", "MANUAL")
                .put("progress", status.equals("BUILD") ? 0 : 100)
                .put("OS-EXT-AZ:availability_zone", status.equals("BUILD") ? "" : "nova")
                .put("config_drive", "")
                .put("key_name", server.keyName())
                .put("OS-SRV-USG:launched_at", status.equals("BUILD") ? null : Json.seconds(server.builtAt()))
                .putNull("OS-SRV-USG:terminated_at")
                .put("OS-EXT-STS:task_state", server.taskState(now))
                .put("OS-EXT-STS:vm_state", vmState)
                .put("OS-EXT-STS:power_state", powerState(server, vmState, now));
        ObjectNode image = node.putObject("image").put("id", server.imageId());
        image.putArray("links")
                .add(Json.object()
                        .put("rel", "bookmark")
                        .put("href", request.baseUrl() + "/compute/images/" + server.imageId()));
        node.set("flavor", flavorRef(server.flavorAt(now), request));
        node.set("metadata", Json.stringMap(server.metadata()));
        node.set("addresses", addresses(server));
        node.set("links", serverLinks(server.id(), request));
        node.set(
                "security_groups",
                Json.arrayOf(server.securityGroups(), name -> Json.object().put("name", name)));
        node.set(
                "os-extended-volumes:volumes_attached",
                Json.arrayOf(
                        cinder.attachedTo(server.id()),
                        v -> Json.object().put("id", v.id()).put("delete_on_termination", false)));
        if (status.equals("ERROR")) {
            node.putObject("fault")
                    .put("code", 500)
                    .put("created", Json.seconds(server.builtAt()))
                    .put("message", "No valid host was found. There are not enough hosts available.");
        }
        if (atLeast(request, 26)) {
            node.set("tags", Json.strings(server.tags()));
        }
        if (atLeast(request, 19)) {
            node.putNull("description");
        }
        if (atLeast(request, 9)) {
            node.put("locked", false);
        }
        return node;
    }

    /** Nova's power_state: NOSTATE (0) while building or failed, SHUTDOWN (4) when off, RUNNING (1). */
    private static int powerState(Server server, String vmState, Instant now) {
        if (vmState.equals("building") || vmState.equals("error")) {
            return 0;
        }
        return server.poweredOff(now) ? 4 : 1;
    }

    private List<Server> filteredServers(ApiRequest request, AuthContext caller) {
        boolean allProjects = caller.isAdmin()
                && request.queryParam("all_tenants")
                        .map(v -> !v.equals("0") && !v.equalsIgnoreCase("false"))
                        .orElse(false);
        Optional<String> ownerFilter = request.queryParam("project_id").or(() -> request.queryParam("tenant_id"));
        Pattern namePattern;
        try {
            namePattern = request.queryParam("name").map(Pattern::compile).orElse(null);
        } catch (PatternSyntaxException e) {
            throw ERRORS.badRequest("Invalid regular expression in name filter: " + e.getDescription());
        }
        Pattern finalNamePattern = namePattern;
        Instant now = clock.instant();
        boolean tagsAllowed = atLeast(request, 26);
        List<String> allTags = tagsAllowed ? splitTags(request, "tags") : List.of();
        List<String> anyTags = tagsAllowed ? splitTags(request, "tags-any") : List.of();
        List<String> notTags = tagsAllowed ? splitTags(request, "not-tags") : List.of();
        List<Server> found = servers.values().stream()
                .filter(s -> allProjects
                        ? ownerFilter.map(s.projectId()::equals).orElse(true)
                        : s.projectId().equals(caller.projectId()))
                .filter(s -> finalNamePattern == null
                        || finalNamePattern.matcher(s.name()).find())
                .filter(s -> request.queryParam("status")
                        .map(st -> st.equalsIgnoreCase(s.status(now)))
                        .orElse(true))
                .filter(s -> s.tags().containsAll(allTags))
                .filter(s -> anyTags.isEmpty() || anyTags.stream().anyMatch(s.tags()::contains))
                .filter(s -> notTags.isEmpty() || !s.tags().containsAll(notTags))
                .sorted((a, b) -> b.createdAt().compareTo(a.createdAt()))
                .toList();
        Optional<String> marker = request.queryParam("marker");
        if (marker.isPresent()) {
            int index = found.stream().map(Server::id).toList().indexOf(marker.get());
            if (index < 0) {
                throw ERRORS.badRequest("marker [" + marker.get() + "] not found");
            }
            found = found.subList(index + 1, found.size());
        }
        int limit = request.queryParam("limit").map(Integer::parseInt).orElse(Integer.MAX_VALUE);
        return found.stream().limit(limit).toList();
    }

    private static List<String> splitTags(ApiRequest request, String name) {
        return request.queryParams(name).stream()
                .flatMap(v -> Stream.of(v.split(",")))
                .filter(t -> !t.isEmpty())
                .toList();
    }

    private ApiResponse listServers(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        ArrayNode items = Json.array();
        filteredServers(request, caller).forEach(s -> {
            ObjectNode node = items.addObject().put("id", s.id()).put("name", s.name());
            node.set("links", serverLinks(s.id(), request));
        });
        return versioned(request, ApiResponse.ok(Json.wrap("servers", items)));
    }

    private ApiResponse listServersDetailed(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        ArrayNode items = Json.array();
        filteredServers(request, caller).forEach(s -> items.add(serverBody(s, request)));
        return versioned(request, ApiResponse.ok(Json.wrap("servers", items)));
    }

    private ApiResponse showServer(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        return versioned(
                request,
                ApiResponse.ok(Json.wrap("server", serverBody(visibleServer(caller, request.param("id")), request))));
    }

    /** What a boot request asks to plug in: an existing port, or a new port on a network. */
    private record Plug(String networkId, String portId) {}

    private ApiResponse createServer(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        JsonNode body = request.resource(ERRORS, "server");
        if (body.has("tags") && !atLeast(request, 52)) {
            // Nova's request schema before 2.52 has no "tags": it refuses the body, it does not ignore it
            throw ERRORS.badRequest("Invalid input for field/attribute server. Value: " + body
                    + ". Additional properties are not allowed ('tags' was unexpected)");
        }
        String name = text(body, "name");
        if (name == null || name.isBlank()) {
            throw ERRORS.badRequest(
                    "Invalid input for field/attribute name. Value: None. None is not of type 'string'");
        }
        Map<String, String> metadata = metadata(body.get("metadata"));
        failCreateIfTriggered(metadata);
        String flavorRef = text(body, "flavorRef");
        Flavor flavor =
                flavor(flavorRef).orElseThrow(() -> ERRORS.badRequest("Flavor " + flavorRef + " could not be found."));
        String imageRef = text(body, "imageRef");
        if (imageRef == null || glance.image(imageRef).isEmpty()) {
            throw ERRORS.badRequest("Image " + imageRef + " could not be found.");
        }
        String keyName = text(body, "key_name");
        if (keyName != null && !keypairs.containsKey(keypairKey(caller.userId(), keyName))) {
            throw ERRORS.badRequest("Invalid key_name provided.");
        }
        List<SecurityGroup> groups = securityGroups(caller, body.get("security_groups"));
        List<Plug> plugs = plugs(caller, body.get("networks"));
        List<String> tags = atLeast(request, 52) ? Json.textList(body, "tags") : List.of();
        checkServerQuota(caller.projectId(), flavor);
        long newPorts = plugs.stream().filter(p -> p.portId() == null).count();
        if (!neutron.portQuotaAllows(caller.projectId(), (int) newPorts)) {
            throw ApiError.nova(403, "forbidden", "Maximum number of ports exceeded");
        }

        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        List<String> groupIds = groups.stream().map(SecurityGroup::id).toList();
        Set<String> createdPorts = new LinkedHashSet<>();
        for (Plug plug : plugs) {
            if (plug.portId() != null) {
                neutron.bindPort(plug.portId(), id);
            } else {
                createdPorts.add(neutron.createServerPort(caller.projectId(), plug.networkId(), id, groupIds)
                        .id());
            }
        }
        Server server = new Server(
                id,
                caller.projectId(),
                caller.userId(),
                name,
                flavor,
                imageRef,
                keyName,
                metadata,
                tags,
                groups.stream().map(SecurityGroup::name).toList(),
                now,
                now,
                now.plus(transitionTime(metadata)),
                fate(metadata),
                false,
                Set.copyOf(createdPorts),
                Optional.ofNullable(metadata.get("emulator:delete-failures"))
                        .map(Integer::parseInt)
                        .orElse(0),
                null);
        servers.put(id, server);
        loseResponseIfTriggered(metadata);

        ObjectNode created = Json.object().put("id", id).put("OS-DCF:diskConfig", "MANUAL");
        created.set("links", serverLinks(id, request));
        created.set(
                "security_groups",
                Json.arrayOf(server.securityGroups(), g -> Json.object().put("name", g)));
        created.put("adminPass", Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
        return versioned(
                request,
                ApiResponse.accepted(Json.wrap("server", created))
                        .withHeader("Location", request.baseUrl() + "/compute/v2.1/servers/" + id));
    }

    /**
     * How long a build, and each later transition of the server (resize, revert, reboot), takes: its
     * {@code emulator:build-ms} metadata, else the fault plan's {@code serverBuildMs}, else the setting.
     */
    private Duration transitionTime(Map<String, String> metadata) {
        return Optional.ofNullable(metadata.get("emulator:build-ms"))
                .map(Long::parseLong)
                .map(Duration::ofMillis)
                .or(faults::serverBuildTime)
                .orElse(buildTime);
    }

    private static void failCreateIfTriggered(Map<String, String> metadata) {
        String status = metadata.get("emulator:create-fails");
        if (status != null) {
            throw ERRORS.serverError(Integer.parseInt(status), "Triggered by emulator:create-fails.");
        }
    }

    private static void loseResponseIfTriggered(Map<String, String> metadata) {
        String lost = metadata.get("emulator:response-lost");
        if (lost == null) {
            return;
        }
        if (lost.equals("hang")) {
            throw ResponseLost.hanging();
        }
        throw ResponseLost.answering(
                ERRORS.serverError(Integer.parseInt(lost), "Triggered by emulator:response-lost."));
    }

    /** The metadata trigger wins; otherwise the fault plan's seeded error rate decides. */
    private Fate fate(Map<String, String> metadata) {
        String fate = metadata.getOrDefault("emulator:fate", "");
        return switch (fate) {
            case "error" -> Fate.ERROR;
            case "build-forever" -> Fate.BUILD_FOREVER;
            default -> faults.nextServerFails() ? Fate.ERROR : Fate.ACTIVE;
        };
    }

    private List<SecurityGroup> securityGroups(AuthContext caller, JsonNode requested) {
        List<SecurityGroup> groups = new ArrayList<>();
        if (requested == null || !requested.isArray() || requested.isEmpty()) {
            neutron.securityGroup(caller.projectId(), "default").ifPresent(groups::add);
            return groups;
        }
        for (JsonNode ref : requested) {
            String name = text(ref, "name");
            groups.add(neutron.securityGroup(caller.projectId(), name)
                    .orElseThrow(() -> ERRORS.badRequest(
                            "Security group " + name + " not found for project " + caller.projectId() + ".")));
        }
        return groups;
    }

    private List<Plug> plugs(AuthContext caller, JsonNode requested) {
        List<Plug> plugs = new ArrayList<>();
        if (requested == null || requested.isString() || requested.isEmpty()) {
            if (requested != null
                    && requested.isString()
                    && requested.asString().equals("none")) {
                return plugs;
            }
            List<Network> candidates = neutron.projectNetworks(caller.projectId());
            if (candidates.size() > 1) {
                throw ApiError.nova(
                        409,
                        "conflictingRequest",
                        "Multiple possible networks found, use a Network ID to be more specific.");
            }
            candidates.forEach(n -> plugs.add(new Plug(n.id(), null)));
            return plugs;
        }
        for (JsonNode ref : requested) {
            String portId = text(ref, "port");
            String networkId = text(ref, "uuid");
            if (portId != null) {
                Port port = neutron.port(portId)
                        .filter(p -> caller.canSee(p.projectId()))
                        .orElseThrow(() -> ERRORS.badRequest("Port id " + portId + " could not be found."));
                if (!port.deviceId().isEmpty()) {
                    throw ApiError.nova(409, "conflictingRequest", "Port " + portId + " is still in use.");
                }
                plugs.add(new Plug(port.networkId(), portId));
            } else if (networkId != null) {
                neutron.usableNetwork(caller.projectId(), networkId)
                        .orElseThrow(() -> ERRORS.badRequest("Network " + networkId + " could not be found."));
                if (!neutron.hasIpv4Subnet(networkId)) {
                    throw ERRORS.badRequest(
                            "Network " + networkId + " requires a subnet in order to boot instances on.");
                }
                plugs.add(new Plug(networkId, null));
            } else {
                throw ERRORS.badRequest("Bad networks format: network uuid is not in proper format (None)");
            }
        }
        return plugs;
    }

    private void checkServerQuota(String projectId, Flavor flavor) {
        Map<String, Integer> used = usage(projectId);
        exceeding(projectId, "instances", 1, used.get("instances"));
        exceeding(projectId, "cores", flavor.vcpus(), used.get("cores"));
        exceeding(projectId, "ram", flavor.ramMb(), used.get("ram"));
    }

    /** As Nova checks a resize (and the revert of a downsize): only what grows counts, against what is used. */
    private void checkGrowthQuota(String projectId, Flavor from, Flavor to) {
        Map<String, Integer> used = usage(projectId);
        if (to.vcpus() > from.vcpus()) {
            exceeding(projectId, "cores", to.vcpus() - from.vcpus(), used.get("cores"));
        }
        if (to.ramMb() > from.ramMb()) {
            exceeding(projectId, "ram", to.ramMb() - from.ramMb(), used.get("ram"));
        }
    }

    private void exceeding(String projectId, String resource, int requested, int used) {
        int limit = limit(projectId, resource);
        if (limit >= 0 && used + requested > limit) {
            throw ApiError.nova(
                    403,
                    "forbidden",
                    "Quota exceeded for " + resource + ": Requested " + requested + ", but already used " + used
                            + " of " + limit + " " + resource);
        }
    }

    private static Map<String, String> metadata(JsonNode node) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> metadata.put(e.getKey(), e.getValue().asString()));
        }
        return Map.copyOf(metadata);
    }

    private ApiResponse updateServer(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        Server server = visibleServer(caller, request.param("id"));
        JsonNode body = request.resource(ERRORS, "server");
        Server updated = server.renamed(Optional.ofNullable(text(body, "name")).orElse(server.name()), clock.instant());
        servers.put(updated.id(), updated);
        return versioned(request, ApiResponse.ok(Json.wrap("server", serverBody(updated, request))));
    }

    private ApiResponse deleteServer(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        Server server = visibleServer(caller, request.param("id"));
        if (server.deleteFailuresLeft() > 0 || faults.nextDeleteFails("server")) {
            if (server.deleteFailuresLeft() > 0) {
                servers.put(server.id(), server.afterFailedDelete());
            }
            throw ERRORS.serverError(500, UNEXPECTED_API_ERROR);
        }
        cinder.attachedTo(server.id()).forEach(v -> cinder.detach(v.id(), server.id()));
        neutron.releaseServerPorts(server.id(), server.portsCreatedForServer());
        servers.remove(server.id());
        return versioned(request, ApiResponse.noContent());
    }

    /**
     * POST /servers/{id}/action: the action is the body's one key. Each can be failed or have its answer
     * lost by the fault plan, under the kind named here.
     */
    private ApiResponse serverAction(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        Server server = visibleServer(caller, request.param("id"));
        JsonNode body = request.json(ERRORS);
        String action = body.propertyNames().stream().findFirst().orElse("");
        JsonNode argument = body.get(action);
        Instant now = clock.instant();
        Router.Handler handler = switch (action) {
            case "os-stop" -> faults.acting("server_stop", ERRORS, r -> stop(server, now));
            case "os-start" -> faults.acting("server_start", ERRORS, r -> start(server, now));
            case "reboot" -> faults.acting("server_reboot", ERRORS, r -> reboot(server, argument, now));
            case "resize" -> faults.acting("server_resize", ERRORS, r -> resize(server, argument, now));
            case "confirmResize" -> faults.acting("server_confirm_resize", ERRORS, r -> confirmResize(server, now));
            case "revertResize" -> faults.acting("server_revert_resize", ERRORS, r -> revertResize(server, now));
            default -> throw ERRORS.badRequest("There is no such action: " + action);
        };
        return versioned(request, handler.handle(request));
    }

    private ApiResponse stop(Server server, Instant now) {
        requireState(server, now, "stop", "active", "error");
        servers.put(server.id(), server.stopped(true, now));
        return ApiResponse.accepted();
    }

    private ApiResponse start(Server server, Instant now) {
        requireState(server, now, "start", "stopped");
        servers.put(server.id(), server.stopped(false, now));
        return ApiResponse.accepted();
    }

    /**
     * A soft reboot needs a running server with nothing under way; a hard one also takes a stopped
     * server (which it powers on) or one in the middle of a reboot, as Nova's ALLOW_HARD_REBOOT says.
     * Nova also hard-reboots a server in ERROR; here ERROR is the server's fate and stays.
     */
    private ApiResponse reboot(Server server, JsonNode argument, Instant now) {
        String type = argument == null ? null : text(argument, "type");
        if (type == null) {
            throw ERRORS.badRequest(
                    "Invalid input for field/attribute reboot. Value: " + argument + ". 'type' is a required property");
        }
        if (!type.equalsIgnoreCase("SOFT") && !type.equalsIgnoreCase("HARD")) {
            throw ERRORS.badRequest("Invalid input for field/attribute type. Value: " + type + ". '" + type
                    + "' is not one of ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']");
        }
        boolean hard = type.equalsIgnoreCase("HARD");
        if (hard) {
            requireState(server, now, "reboot", List.of("active", "stopped"), Set.of("rebooting", "rebooting_hard"));
        } else {
            requireState(server, now, "reboot", "active");
        }
        TaskKind kind = hard ? TaskKind.HARD_REBOOT : TaskKind.REBOOT;
        servers.put(
                server.id(),
                server.withTask(new Task(kind, now, now.plus(transitionTime(server.metadata())), null), now));
        return ApiResponse.accepted();
    }

    /** RESIZE (resize_prep, then resize_migrating), then VERIFY_RESIZE with the new flavor until confirmed. */
    private ApiResponse resize(Server server, JsonNode argument, Instant now) {
        String flavorRef = argument == null ? null : text(argument, "flavorRef");
        if (flavorRef == null) {
            throw ERRORS.badRequest("Invalid input for field/attribute resize. Value: " + argument
                    + ". 'flavorRef' is a required property");
        }
        requireState(server, now, "resize", "active", "stopped");
        // a flavorRef may be the flavor's link; Nova keeps what follows its last slash
        String flavorId = flavorRef.substring(flavorRef.lastIndexOf('/') + 1);
        Flavor target = flavorWithId(flavorId)
                .orElseThrow(() -> ERRORS.badRequest("Flavor " + flavorId + " could not be found."));
        if (target.id().equals(server.flavor().id())) {
            throw ERRORS.badRequest("When resizing, instances must change flavor!");
        }
        checkGrowthQuota(server.projectId(), server.flavor(), target);
        Task resize = new Task(TaskKind.RESIZE, now, now.plus(transitionTime(server.metadata())), target);
        servers.put(server.id(), server.withTask(resize, now));
        return ApiResponse.accepted();
    }

    /** 204, not 202: Nova kept the status of its first version of this call. */
    private ApiResponse confirmResize(Server server, Instant now) {
        requireState(server, now, "confirmResize", "resized");
        servers.put(server.id(), server.resizedTo(server.task().flavor(), now));
        return ApiResponse.noContent();
    }

    /**
     * REVERT_RESIZE for a while, then the former flavor. A revert that grows the server (after a downsize)
     * is checked against the quota, and Zed's API, which does not expect that refusal there, answers it
     * as an unexpected 500.
     */
    private ApiResponse revertResize(Server server, Instant now) {
        requireState(server, now, "revertResize", "resized");
        Flavor resizedTo = server.task().flavor();
        try {
            checkGrowthQuota(server.projectId(), resizedTo, server.flavor());
        } catch (ApiError overQuota) {
            throw ERRORS.serverError(500, UNEXPECTED_API_ERROR + "\n<class 'nova.exception.TooManyInstances'>");
        }
        Task revert = new Task(TaskKind.REVERT_RESIZE, now, now.plus(transitionTime(server.metadata())), resizedTo);
        servers.put(server.id(), server.withTask(revert, now));
        return ApiResponse.accepted();
    }

    private static void requireState(Server server, Instant now, String action, String... vmStates) {
        requireState(server, now, action, List.of(vmStates), Set.of());
    }

    /**
     * Nova's check_instance_state: the vm_state must be one of these, then the task_state none, or one
     * of those allowed. Nova names the first that fails in its 409.
     */
    private static void requireState(
            Server server, Instant now, String action, List<String> vmStates, Set<String> tasksAllowed) {
        String vmState = server.vmState(now);
        if (!vmStates.contains(vmState)) {
            throw invalidState(server, action, "vm_state", vmState);
        }
        String taskState = server.taskState(now);
        if (taskState != null && !tasksAllowed.contains(taskState)) {
            throw invalidState(server, action, "task_state", taskState);
        }
    }

    private static ApiError invalidState(Server server, String action, String attribute, String state) {
        return ApiError.nova(
                409,
                "conflictingRequest",
                "Cannot '" + action + "' instance " + server.id() + " while it is in " + attribute + " " + state);
    }

    // ---- metadata and tags ----

    private ApiResponse showMetadata(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        Server server = visibleServer(caller, request.param("id"));
        return ApiResponse.ok(Json.wrap("metadata", Json.stringMap(server.metadata())));
    }

    private ApiResponse replaceMetadata(ApiRequest request) {
        return writeMetadata(request, false);
    }

    private ApiResponse mergeMetadata(ApiRequest request) {
        return writeMetadata(request, true);
    }

    private ApiResponse writeMetadata(ApiRequest request, boolean merge) {
        AuthContext caller = keystone.authenticate(request);
        Server server = visibleServer(caller, request.param("id"));
        Map<String, String> metadata = new LinkedHashMap<>(merge ? server.metadata() : Map.of());
        metadata.putAll(metadata(request.json(ERRORS).get("metadata")));
        if (metadata.size() > limit(server.projectId(), "metadata_items")) {
            throw ApiError.nova(403, "forbidden", "Quota exceeded for metadata_items: too many metadata items.");
        }
        Server updated = server.withMetadata(metadata, clock.instant());
        servers.put(updated.id(), updated);
        return ApiResponse.ok(Json.wrap("metadata", Json.stringMap(updated.metadata())));
    }

    private ApiResponse deleteMetadataItem(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        Server server = visibleServer(caller, request.param("id"));
        String key = request.param("key");
        if (!server.metadata().containsKey(key)) {
            throw ERRORS.notFound("Metadata item was not found");
        }
        Map<String, String> metadata = new LinkedHashMap<>(server.metadata());
        metadata.remove(key);
        servers.put(server.id(), server.withMetadata(metadata, clock.instant()));
        return ApiResponse.noContent();
    }

    /** Server tags came with microversion 2.26; below it Nova does not know the path. */
    private Server taggableServer(ApiRequest request) {
        if (!atLeast(request, 26)) {
            throw ERRORS.notFound("The resource could not be found.");
        }
        return visibleServer(keystone.authenticate(request), request.param("id"));
    }

    private ApiResponse listTags(ApiRequest request) {
        Server server = taggableServer(request);
        return versioned(request, ApiResponse.ok(Json.wrap("tags", Json.strings(server.tags()))));
    }

    /**
     * Nova changes tags only on a server in vm_state active, paused, suspended or stopped: 409 while
     * it builds or after it failed.
     */
    private Server retaggableServer(ApiRequest request, String action) {
        Server server = taggableServer(request);
        String vmState = server.vmState(clock.instant());
        if (!vmState.equals("active") && !vmState.equals("stopped")) {
            throw invalidState(server, action, "vm_state", vmState);
        }
        return server;
    }

    private ApiResponse replaceTags(ApiRequest request) {
        Server server = retaggableServer(request, "update tags");
        List<String> tags =
                Json.textList(request.json(ERRORS), "tags").stream().distinct().toList();
        servers.put(server.id(), server.withTags(tags, clock.instant()));
        return versioned(request, ApiResponse.ok(Json.wrap("tags", Json.strings(tags))));
    }

    private ApiResponse deleteAllTags(ApiRequest request) {
        Server server = retaggableServer(request, "delete tags");
        servers.put(server.id(), server.withTags(List.of(), clock.instant()));
        return versioned(request, ApiResponse.noContent());
    }

    private ApiResponse checkTag(ApiRequest request) {
        Server server = taggableServer(request);
        if (!server.tags().contains(request.param("tag"))) {
            throw ERRORS.notFound("Tag " + request.param("tag") + " could not be found.");
        }
        return versioned(request, ApiResponse.noContent());
    }

    private ApiResponse addTag(ApiRequest request) {
        Server server = retaggableServer(request, "update tag");
        List<String> tags = new ArrayList<>(server.tags());
        if (tags.contains(request.param("tag"))) {
            return versioned(request, ApiResponse.noContent());
        }
        tags.add(request.param("tag"));
        servers.put(server.id(), server.withTags(tags, clock.instant()));
        return versioned(request, ApiResponse.created(null));
    }

    private ApiResponse deleteTag(ApiRequest request) {
        Server server = retaggableServer(request, "delete tag");
        List<String> tags = new ArrayList<>(server.tags());
        if (!tags.remove(request.param("tag"))) {
            throw ERRORS.notFound("Tag " + request.param("tag") + " could not be found.");
        }
        servers.put(server.id(), server.withTags(tags, clock.instant()));
        return versioned(request, ApiResponse.noContent());
    }

    private ApiResponse listInterfaces(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        Server server = visibleServer(caller, request.param("id"));
        ArrayNode items = Json.array();
        for (Port port : neutron.portsOf(server.id())) {
            ObjectNode item = items.addObject()
                    .put("port_id", port.id())
                    .put("net_id", port.networkId())
                    .put("mac_addr", port.macAddress())
                    .put("port_state", port.status());
            item.set(
                    "fixed_ips",
                    Json.arrayOf(
                            port.fixedIps(),
                            ip -> Json.object().put("subnet_id", ip.subnetId()).put("ip_address", ip.ipAddress())));
        }
        return ApiResponse.ok(Json.wrap("interfaceAttachments", items));
    }

    // ---- volume attachments ----

    private static ObjectNode attachmentBody(Server server, Volume volume) {
        String device = volume.attachments().stream()
                .filter(a -> a.serverId().equals(server.id()))
                .map(Cinder.Attachment::device)
                .findFirst()
                .orElse(null);
        return Json.object()
                .put("id", volume.id())
                .put("serverId", server.id())
                .put("volumeId", volume.id())
                .put("device", device);
    }

    private ApiResponse listVolumeAttachments(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        Server server = visibleServer(caller, request.param("id"));
        return ApiResponse.ok(Json.wrap(
                "volumeAttachments", Json.arrayOf(cinder.attachedTo(server.id()), v -> attachmentBody(server, v))));
    }

    private ApiResponse attachVolume(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        Server server = visibleServer(caller, request.param("id"));
        JsonNode body = request.resource(ERRORS, "volumeAttachment");
        String volumeId = text(body, "volumeId");
        if (volumeId == null) {
            throw ERRORS.badRequest(
                    "Invalid input for field/attribute volumeAttachment. 'volumeId' is a required property");
        }
        requireState(server, clock.instant(), "attach_volume", "active", "stopped", "resized");
        Volume volume = cinder.volume(server.projectId(), volumeId)
                .orElseThrow(() -> ERRORS.notFound("Volume " + volumeId + " could not be found."));
        String volumeStatus = cinder.status(volume);
        if (!volumeStatus.equals("available")) {
            throw ERRORS.badRequest("Invalid input received: Invalid volume: Volume status must be available or "
                    + "downloading to reserve, but the current status is " + volumeStatus + ". (HTTP 400)");
        }
        int attached = cinder.attachedTo(server.id()).size();
        String device = Optional.ofNullable(text(body, "device")).orElse("/dev/vd" + (char) ('b' + attached));
        cinder.attach(volumeId, server.id(), device);
        Volume attachedVolume = cinder.volume(server.projectId(), volumeId).orElseThrow();
        return ApiResponse.ok(Json.wrap("volumeAttachment", attachmentBody(server, attachedVolume)));
    }

    private Volume attachedVolume(Server server, String volumeId) {
        return cinder.attachedTo(server.id()).stream()
                .filter(v -> v.id().equals(volumeId))
                .findFirst()
                .orElseThrow(() ->
                        ERRORS.notFound("Volume " + volumeId + " is not attached to instance " + server.id() + "."));
    }

    private ApiResponse showVolumeAttachment(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        Server server = visibleServer(caller, request.param("id"));
        return ApiResponse.ok(
                Json.wrap("volumeAttachment", attachmentBody(server, attachedVolume(server, request.param("volume")))));
    }

    private ApiResponse detachVolume(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        Server server = visibleServer(caller, request.param("id"));
        Volume volume = attachedVolume(server, request.param("volume"));
        cinder.detach(volume.id(), server.id());
        return ApiResponse.accepted();
    }

    // ---- key pairs ----

    private static String keypairKey(String userId, String name) {
        return userId + "/" + name;
    }

    private ObjectNode keypairBody(Keypair keypair) {
        return Json.object()
                .put("name", keypair.name())
                .put("public_key", keypair.publicKey())
                .put("fingerprint", keypair.fingerprint())
                .put("user_id", keypair.userId())
                .put("type", "ssh");
    }

    private ApiResponse listKeypairs(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        ArrayNode items = Json.array();
        keypairs.values().stream()
                .filter(k -> k.userId().equals(caller.userId()))
                .forEach(k -> items.add(Json.wrap("keypair", keypairBody(k))));
        return ApiResponse.ok(Json.wrap("keypairs", items));
    }

    private ApiResponse createKeypair(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        JsonNode body = request.resource(ERRORS, "keypair");
        String name = text(body, "name");
        if (name == null || !KEYPAIR_NAME.matcher(name).matches() || name.isBlank()) {
            throw ERRORS.badRequest("Keypair data is invalid: Keypair name contains unsafe characters");
        }
        if (keypairs.containsKey(keypairKey(caller.userId(), name))) {
            throw ApiError.nova(409, "conflictingRequest", "Key pair '" + name + "' already exists.");
        }
        long owned = keypairs.values().stream()
                .filter(k -> k.userId().equals(caller.userId()))
                .count();
        if (owned + 1 > limit(caller.projectId(), "key_pairs")) {
            throw ApiError.nova(403, "forbidden", "Quota exceeded, too many key pairs.");
        }
        String publicKey = text(body, "public_key");
        String privateKey = null;
        if (publicKey == null) {
            SshKeys.Generated generated = SshKeys.generate("Generated-by-Nova");
            publicKey = generated.publicKey();
            privateKey = generated.privateKey();
        }
        String fingerprint = SshKeys.fingerprint(publicKey)
                .orElseThrow(() -> ERRORS.badRequest("Keypair data is invalid: failed to generate fingerprint"));
        Keypair keypair =
                new Keypair(name, caller.userId(), caller.projectId(), publicKey, fingerprint, clock.instant());
        keypairs.put(keypairKey(caller.userId(), name), keypair);
        ObjectNode node = keypairBody(keypair);
        if (privateKey != null) {
            node.put("private_key", privateKey);
        }
        // 200 at 2.1, 201 Created from 2.2 on
        return atLeast(request, 2)
                ? ApiResponse.created(Json.wrap("keypair", node))
                : ApiResponse.ok(Json.wrap("keypair", node));
    }

    private Keypair keypair(AuthContext caller, String name) {
        return Optional.ofNullable(keypairs.get(keypairKey(caller.userId(), name)))
                .orElseThrow(() -> ERRORS.notFound("Keypair " + name + " not found for user " + caller.userId()));
    }

    private ApiResponse showKeypair(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        Keypair keypair = keypair(caller, request.param("name"));
        ObjectNode node = keypairBody(keypair)
                .put("id", Math.abs(keypair.name().hashCode()))
                .put("created_at", Json.seconds(keypair.createdAt()))
                .put("deleted", false)
                .putNull("deleted_at")
                .putNull("updated_at");
        return ApiResponse.ok(Json.wrap("keypair", node));
    }

    private ApiResponse deleteKeypair(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        Keypair keypair = keypair(caller, request.param("name"));
        if (faults.nextDeleteFails("keypair")) {
            throw ERRORS.serverError(500, "Unexpected API Error.");
        }
        keypairs.remove(keypairKey(keypair.userId(), keypair.name()));
        return ApiResponse.accepted();
    }

    // ---- quotas and limits ----

    private int limit(String projectId, String resource) {
        return quotas.getOrDefault(projectId, Map.of()).getOrDefault(resource, DEFAULT_QUOTAS.get(resource));
    }

    private Map<String, Integer> usage(String projectId) {
        List<Server> owned = servers.values().stream()
                .filter(s -> s.projectId().equals(projectId))
                .toList();
        Map<String, Integer> used = new LinkedHashMap<>();
        DEFAULT_QUOTAS.keySet().forEach(resource -> used.put(resource, 0));
        used.put("instances", owned.size());
        Instant now = clock.instant();
        used.put("cores", owned.stream().mapToInt(s -> s.flavorAt(now).vcpus()).sum());
        used.put("ram", owned.stream().mapToInt(s -> s.flavorAt(now).ramMb()).sum());
        used.put("key_pairs", (int) keypairs.values().stream()
                .filter(k -> k.projectId().equals(projectId))
                .count());
        return used;
    }

    private String quotaProject(ApiRequest request, AuthContext caller) {
        String projectId = request.param("project");
        if (!caller.canSee(projectId)) {
            throw ApiError.nova(
                    403, "forbidden", "Policy doesn't allow os_compute_api:os-quota-sets:show to be performed.");
        }
        return projectId;
    }

    private ObjectNode quotaSet(String projectId, boolean withId, ApiRequest request) {
        ObjectNode quota = Json.object();
        if (withId) {
            quota.put("id", projectId);
        }
        DEFAULT_QUOTAS.keySet().stream().sorted().forEach(resource -> quota.put(resource, limit(projectId, resource)));
        // below 2.36 Nova still reports the network quotas it proxied, as unlimited; 2.36 removed them
        if (!atLeast(request, 36)) {
            for (String proxied : List.of("fixed_ips", "floating_ips", "security_groups", "security_group_rules")) {
                quota.put(proxied, -1);
            }
        }
        return quota;
    }

    private ApiResponse showQuota(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        return ApiResponse.ok(Json.wrap("quota_set", quotaSet(quotaProject(request, caller), true, request)));
    }

    private ApiResponse showQuotaDetail(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        String projectId = quotaProject(request, caller);
        Map<String, Integer> used = usage(projectId);
        ObjectNode quota = Json.object().put("id", projectId);
        DEFAULT_QUOTAS.keySet().stream()
                .sorted()
                .forEach(resource -> quota.putObject(resource)
                        .put("limit", limit(projectId, resource))
                        .put("in_use", used.get(resource))
                        .put("reserved", 0));
        return ApiResponse.ok(Json.wrap("quota_set", quota));
    }

    private ApiResponse showDefaultQuota(ApiRequest request) {
        keystone.authenticate(request);
        ObjectNode quota = Json.object().put("id", request.param("project"));
        DEFAULT_QUOTAS.keySet().stream()
                .sorted()
                .forEach(resource -> quota.put(resource, DEFAULT_QUOTAS.get(resource)));
        return ApiResponse.ok(Json.wrap("quota_set", quota));
    }

    private ApiResponse updateQuota(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        if (!caller.isAdmin()) {
            throw ApiError.nova(
                    403, "forbidden", "Policy doesn't allow os_compute_api:os-quota-sets:update to be performed.");
        }
        String projectId = request.param("project");
        JsonNode body = request.resource(ERRORS, "quota_set");
        Map<String, Integer> limits = new LinkedHashMap<>(quotas.getOrDefault(projectId, Map.of()));
        Set<String> ignored = new HashSet<>(List.of(
                "id", "force", "fixed_ips", "floating_ips", "security_groups", "security_group_rules", "networks"));
        for (var field : body.properties()) {
            String resource = field.getKey();
            if (DEFAULT_QUOTAS.containsKey(resource)) {
                if (!field.getValue().canConvertToInt() || field.getValue().asInt() < -1) {
                    throw ERRORS.badRequest("Invalid input for field/attribute " + resource + ". Value: "
                            + field.getValue() + ". " + field.getValue() + " is less than the minimum of -1");
                }
                limits.put(resource, field.getValue().asInt());
            } else if (!ignored.contains(resource)) {
                throw ERRORS.badRequest("Invalid input for field/attribute quota_set. Additional properties are not "
                        + "allowed ('" + resource + "' was unexpected)");
            }
        }
        quotas.put(projectId, limits);
        return ApiResponse.ok(Json.wrap("quota_set", quotaSet(projectId, false, request)));
    }

    private ApiResponse resetQuota(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        if (!caller.isAdmin()) {
            throw ApiError.nova(
                    403, "forbidden", "Policy doesn't allow os_compute_api:os-quota-sets:delete to be performed.");
        }
        quotas.remove(request.param("project"));
        return ApiResponse.accepted();
    }

    private ApiResponse limits(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        String projectId = caller.projectId();
        Map<String, Integer> used = usage(projectId);
        ObjectNode absolute = Json.object()
                .put("maxTotalInstances", limit(projectId, "instances"))
                .put("totalInstancesUsed", used.get("instances"))
                .put("maxTotalCores", limit(projectId, "cores"))
                .put("totalCoresUsed", used.get("cores"))
                .put("maxTotalRAMSize", limit(projectId, "ram"))
                .put("totalRAMUsed", used.get("ram"))
                .put("maxTotalKeypairs", limit(projectId, "key_pairs"))
                .put("maxServerMeta", limit(projectId, "metadata_items"))
                .put("maxPersonality", limit(projectId, "injected_files"))
                .put("maxPersonalitySize", limit(projectId, "injected_file_content_bytes"))
                .put("maxServerGroups", limit(projectId, "server_groups"))
                .put("maxServerGroupMembers", limit(projectId, "server_group_members"))
                .put("totalServerGroupsUsed", 0);
        if (!atLeast(request, 39)) { // the image-metadata proxy went with 2.39
            absolute.put("maxImageMeta", 128);
        }
        if (!atLeast(request, 36)) { // the network proxies went with 2.36
            absolute.put("maxSecurityGroups", -1)
                    .put("maxSecurityGroupRules", -1)
                    .put("totalSecurityGroupsUsed", 0)
                    .put("maxTotalFloatingIps", -1)
                    .put("totalFloatingIpsUsed", 0);
        }
        ObjectNode limits = Json.object();
        limits.putArray("rate");
        limits.set("absolute", absolute);
        return ApiResponse.ok(Json.wrap("limits", limits));
    }

    // ---- the one compute host, as an administrator sees it ----

    private static final String HOST = "emulator";
    private static final int HOST_VCPUS = 64;
    private static final int HOST_RAM_MB = 262_144;
    private static final int HOST_DISK_GB = 4_096;

    private AuthContext requireAdmin(ApiRequest request, String policy) {
        AuthContext caller = keystone.authenticate(request);
        if (!caller.isAdmin()) {
            throw ApiError.nova(403, "forbidden", "Policy doesn't allow " + policy + " to be performed.");
        }
        return caller;
    }

    /** As Nova lists them for an administrator: the compute zone with its host, and the internal zone. */
    private ApiResponse availabilityZonesDetailed(ApiRequest request) {
        requireAdmin(request, "os_compute_api:os-availability-zone:detail");
        String updated = Json.micros(clock.instant()).replace("Z", "");
        ArrayNode zones = Json.array();
        ObjectNode compute = zones.addObject().put("zoneName", "nova");
        compute.putObject("zoneState").put("available", true);
        compute.putObject("hosts")
                .putObject(HOST)
                .putObject("nova-compute")
                .put("available", true)
                .put("active", true)
                .put("updated_at", updated);
        ObjectNode internal = zones.addObject().put("zoneName", "internal");
        internal.putObject("zoneState").put("available", true);
        ObjectNode services = internal.putObject("hosts").putObject(HOST);
        for (String service : List.of("nova-conductor", "nova-scheduler")) {
            services.putObject(service)
                    .put("available", true)
                    .put("active", true)
                    .put("updated_at", updated);
        }
        return ApiResponse.ok(Json.wrap("availabilityZoneInfo", zones));
    }

    private ObjectNode hypervisorBody(boolean detailed) {
        ObjectNode node = Json.object()
                .put("id", 1)
                .put("hypervisor_hostname", HOST)
                .put("state", "up")
                .put("status", "enabled");
        if (!detailed) {
            return node;
        }
        Instant now = clock.instant();
        List<Server> running = servers.values().stream()
                .filter(s -> !s.status(now).equals("ERROR"))
                .toList();
        int vcpusUsed = running.stream().mapToInt(s -> s.flavorAt(now).vcpus()).sum();
        int ramUsed =
                512 + running.stream().mapToInt(s -> s.flavorAt(now).ramMb()).sum();
        int diskUsed = running.stream().mapToInt(s -> s.flavorAt(now).diskGb()).sum();
        node.put("hypervisor_type", "QEMU")
                .put("hypervisor_version", 7_002_000)
                .put("host_ip", "127.0.0.1")
                .put("vcpus", HOST_VCPUS)
                .put("vcpus_used", vcpusUsed)
                .put("memory_mb", HOST_RAM_MB)
                .put("memory_mb_used", ramUsed)
                .put("free_ram_mb", HOST_RAM_MB - ramUsed)
                .put("local_gb", HOST_DISK_GB)
                .put("local_gb_used", diskUsed)
                .put("free_disk_gb", HOST_DISK_GB - diskUsed)
                .put("disk_available_least", HOST_DISK_GB - diskUsed)
                .put("running_vms", running.size())
                .put("current_workload", 0)
                .put("cpu_info", "{\"arch\": \"x86_64\", \"model\": \"qemu64\", \"vendor\": \"AMD\"}");
        node.putObject("service").put("host", HOST).put("id", 3).putNull("disabled_reason");
        return node;
    }

    private ApiResponse listHypervisors(ApiRequest request) {
        requireAdmin(request, "os_compute_api:os-hypervisors:list");
        return versioned(
                request, ApiResponse.ok(Json.wrap("hypervisors", Json.array().add(hypervisorBody(false)))));
    }

    private ApiResponse listHypervisorsDetailed(ApiRequest request) {
        requireAdmin(request, "os_compute_api:os-hypervisors:list-detail");
        return versioned(
                request, ApiResponse.ok(Json.wrap("hypervisors", Json.array().add(hypervisorBody(true)))));
    }

    private ApiResponse showHypervisor(ApiRequest request) {
        requireAdmin(request, "os_compute_api:os-hypervisors:show");
        if (!request.param("id").equals("1")) {
            throw ERRORS.notFound("Hypervisor with ID " + request.param("id") + " could not be found.");
        }
        return versioned(request, ApiResponse.ok(Json.wrap("hypervisor", hypervisorBody(true))));
    }

    private ApiResponse availabilityZones(ApiRequest request) {
        keystone.authenticate(request);
        ObjectNode zone = Json.object().put("zoneName", "nova");
        zone.putObject("zoneState").put("available", true);
        zone.putNull("hosts");
        return ApiResponse.ok(Json.wrap("availabilityZoneInfo", Json.array().add(zone)));
    }
}
