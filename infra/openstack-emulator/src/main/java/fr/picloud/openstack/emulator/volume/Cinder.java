package fr.picloud.openstack.emulator.volume;

import static fr.picloud.openstack.emulator.http.Json.text;

import fr.picloud.openstack.emulator.EmulatedService;
import fr.picloud.openstack.emulator.Inventory;
import fr.picloud.openstack.emulator.fault.Faults;
import fr.picloud.openstack.emulator.http.ApiError;
import fr.picloud.openstack.emulator.http.ApiRequest;
import fr.picloud.openstack.emulator.http.ApiResponse;
import fr.picloud.openstack.emulator.http.ErrorStyle;
import fr.picloud.openstack.emulator.http.Json;
import fr.picloud.openstack.emulator.http.Microversion;
import fr.picloud.openstack.emulator.http.Router;
import fr.picloud.openstack.emulator.identity.AuthContext;
import fr.picloud.openstack.emulator.identity.Keystone;
import fr.picloud.openstack.emulator.state.CloudState;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cinder v3 up to microversion 3.42: volumes going creating -> available -> in-use and back,
 * attachments made through Nova, extension ({@code os-extend}, of an attached volume from 3.42 on),
 * snapshots, quotas with Cinder's 413 errors. No data: a volume is only its record, as with Cinder's
 * fake driver.
 */
public final class Cinder implements EmulatedService {

    /** A volume attached to a server; Nova's attachment id is the volume id, Cinder's is its own. */
    public record Attachment(String attachmentId, String serverId, String device, Instant attachedAt) {}

    /** An extension under way: the volume shows its former size, and "extending", until {@code doneAt}. */
    public record Extension(int fromSizeGb, Instant doneAt) {}

    /**
     * A volume. Its status is computed from the clock: "creating" until {@code availableAt}, then
     * "available" (or "error" when it was made to fail), "in-use" while attached, "extending" while an
     * extension runs. {@code sizeGb} is the size asked last: what the quota counts (Cinder reserves an
     * extension's gigabytes when it accepts it). {@code extension} is null when none was ever asked
     * (and in volumes saved before extensions existed).
     */
    public record Volume(
            String id,
            String projectId,
            String userId,
            String name,
            String description,
            int sizeGb,
            Map<String, String> metadata,
            Instant createdAt,
            Instant availableAt,
            boolean failsToCreate,
            List<Attachment> attachments,
            Extension extension) {

        public String status(Instant now) {
            if (now.isBefore(availableAt)) {
                return "creating";
            }
            if (failsToCreate) {
                return "error";
            }
            if (extending(now)) {
                return "extending";
            }
            return attachments.isEmpty() ? "available" : "in-use";
        }

        /** The size Cinder shows: the former one until an extension is done. */
        public int sizeAt(Instant now) {
            return extending(now) ? extension.fromSizeGb() : sizeGb;
        }

        private boolean extending(Instant now) {
            return extension != null && now.isBefore(extension.doneAt());
        }

        Volume withAttachments(List<Attachment> newAttachments) {
            return with(name, description, sizeGb, metadata, List.copyOf(newAttachments), extension);
        }

        Volume renamed(String newName, String newDescription, Map<String, String> newMetadata) {
            return with(newName, newDescription, sizeGb, Map.copyOf(newMetadata), attachments, extension);
        }

        Volume extendedTo(int newSizeGb, Instant doneAt) {
            return with(name, description, newSizeGb, metadata, attachments, new Extension(sizeGb, doneAt));
        }

        private Volume with(
                String newName,
                String newDescription,
                int newSizeGb,
                Map<String, String> newMetadata,
                List<Attachment> newAttachments,
                Extension newExtension) {
            return new Volume(
                    id,
                    projectId,
                    userId,
                    newName,
                    newDescription,
                    newSizeGb,
                    newMetadata,
                    createdAt,
                    availableAt,
                    failsToCreate,
                    newAttachments,
                    newExtension);
        }
    }

    /** A snapshot of a volume, "creating" until {@code availableAt}; it keeps the size the volume had. */
    record Snapshot(
            String id,
            String projectId,
            String userId,
            String volumeId,
            String name,
            String description,
            int sizeGb,
            Map<String, String> metadata,
            Instant createdAt,
            Instant availableAt) {

        String status(Instant now) {
            return now.isBefore(availableAt) ? "creating" : "available";
        }
    }

    private static final ErrorStyle ERRORS = ErrorStyle.NOVA;
    private static final String FAULT_KEY = "emulator:fault";
    private static final String DEFAULT_TYPE = "__DEFAULT__";
    private static final DateTimeFormatter CINDER_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    /** The highest microversion served: 3.42 lets an attached volume be extended. */
    static final String MAX_MICROVERSION = "3.42";

    private static final int EXTEND_IN_USE = 42;
    private static final Map<String, Integer> DEFAULT_QUOTAS = Map.of(
            "volumes", 10,
            "gigabytes", 1000,
            "snapshots", 10,
            "backups", 10,
            "backup_gigabytes", 1000,
            "per_volume_gigabytes", -1,
            "groups", 10);

    private final Clock clock;
    private final Duration createTime;
    private final Keystone keystone;
    private final Faults faults;
    private final Router router = new Router();
    private final Map<String, Volume> volumes;
    private final Map<String, Snapshot> snapshots;
    private final Map<String, Map<String, Integer>> quotas;

    public Cinder(Clock clock, Duration createTime, Keystone keystone, Faults faults, CloudState state) {
        this.clock = clock;
        this.createTime = createTime;
        this.keystone = keystone;
        this.faults = faults;
        this.volumes = state.table("volume.volumes", String.class, Volume.class);
        this.snapshots = state.table("volume.snapshots", String.class, Snapshot.class);
        this.quotas = state.table("volume.quotas", new TypeReference<>() {});
        router.get("/", this::versions)
                .get("/v3", this::version)
                .get("/v3/{project}", this::version)
                .get("/v3/{project}/volumes", this::listVolumes)
                .get("/v3/{project}/volumes/detail", this::listVolumesDetailed)
                .post("/v3/{project}/volumes", faults.creating("volume", ERRORS, this::createVolume))
                .get("/v3/{project}/volumes/{id}", this::showVolume)
                .put("/v3/{project}/volumes/{id}", this::updateVolume)
                .delete("/v3/{project}/volumes/{id}", this::deleteVolume)
                .post("/v3/{project}/volumes/{id}/action", this::volumeAction)
                .get("/v3/{project}/snapshots", this::listSnapshots)
                .get("/v3/{project}/snapshots/detail", this::listSnapshots)
                .post("/v3/{project}/snapshots", faults.creating("snapshot", ERRORS, this::createSnapshot))
                .get("/v3/{project}/snapshots/{id}", this::showSnapshot)
                .delete("/v3/{project}/snapshots/{id}", this::deleteSnapshot)
                .get("/v3/{project}/volumes/{id}/metadata", this::showMetadata)
                .get("/v3/{project}/attachments", this::listAttachments)
                .get("/v3/{project}/types", this::listTypes)
                .get("/v3/{project}/os-availability-zone", this::availabilityZones)
                .get("/v3/{project}/limits", this::limits)
                .get("/v3/{project}/os-quota-sets/{target}", this::showQuota)
                .get("/v3/{project}/os-quota-sets/{target}/defaults", this::showDefaultQuota)
                .put("/v3/{project}/os-quota-sets/{target}", this::updateQuota)
                .delete("/v3/{project}/os-quota-sets/{target}", this::resetQuota);
    }

    @Override
    public String type() {
        return "volume";
    }

    @Override
    public String prefix() {
        return "/volume";
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
        snapshots.clear();
        volumes.clear();
        quotas.clear();
    }

    @Override
    public void describe(Inventory inventory) {
        Instant now = clock.instant();
        volumes.values().forEach(v -> inventory.add(v.projectId(), "volumes", v.id(), v.name(), v.status(now)));
        snapshots.values().forEach(s -> inventory.add(s.projectId(), "snapshots", s.id(), s.name(), s.status(now)));
    }

    // ---- what Nova needs to attach and detach ----

    public Optional<Volume> volume(String projectId, String id) {
        return Optional.ofNullable(volumes.get(id)).filter(v -> v.projectId().equals(projectId));
    }

    public String status(Volume volume) {
        return volume.status(clock.instant());
    }

    public void attach(String volumeId, String serverId, String device) {
        Volume volume = volumes.get(volumeId);
        List<Attachment> attachments = new ArrayList<>(volume.attachments());
        attachments.add(new Attachment(UUID.randomUUID().toString(), serverId, device, clock.instant()));
        volumes.put(volumeId, volume.withAttachments(attachments));
    }

    public void detach(String volumeId, String serverId) {
        volumes.computeIfPresent(
                volumeId,
                (id, volume) -> volume.withAttachments(volume.attachments().stream()
                        .filter(a -> !a.serverId().equals(serverId))
                        .toList()));
    }

    public List<Volume> attachedTo(String serverId) {
        return volumes.values().stream()
                .filter(v -> v.attachments().stream().anyMatch(a -> a.serverId().equals(serverId)))
                .toList();
    }

    // ---- versions ----

    private ObjectNode versionDocument(ApiRequest request) {
        ObjectNode version = Json.object()
                .put("id", "v3.0")
                .put("status", "CURRENT")
                .put("version", MAX_MICROVERSION)
                .put("min_version", "3.0")
                .put("updated", "2023-10-01T00:00:00Z");
        version.putArray("links").add(Json.object().put("rel", "self").put("href", request.baseUrl() + "/volume/v3/"));
        version.putArray("media-types")
                .add(Json.object()
                        .put("base", "application/json")
                        .put("type", "application/vnd.openstack.volume+json;version=3"));
        return version;
    }

    private ApiResponse versions(ApiRequest request) {
        return ApiResponse.json(300, Json.wrap("versions", Json.array().add(versionDocument(request))));
    }

    private ApiResponse version(ApiRequest request) {
        return ApiResponse.ok(Json.wrap("versions", Json.array().add(versionDocument(request))));
    }

    /** The minor of the requested microversion (OpenStack-API-Version: volume 3.N); 0 when none is asked for. */
    private static int microversion(ApiRequest request) {
        return Microversion.minor(request, "volume", Optional.empty(), "3.0", MAX_MICROVERSION);
    }

    // ---- helpers ----

    /** The project in the URL must be the caller's own unless the caller is an admin. */
    private AuthContext caller(ApiRequest request) {
        AuthContext caller = keystone.authenticate(request);
        if (!caller.isAdmin() && !caller.projectId().equals(request.param("project"))) {
            throw ERRORS.badRequest("Malformed request url");
        }
        return caller;
    }

    private ApiError volumeNotFound(String id) {
        return ERRORS.notFound("Volume " + id + " could not be found.");
    }

    private Volume visibleVolume(AuthContext caller, String id) {
        Volume volume = volumes.get(id);
        if (volume == null || !caller.canSee(volume.projectId())) {
            throw volumeNotFound(id);
        }
        return volume;
    }

    /** How long creating and extending last: the fault plan's volumeTransitionMs, else the setting. */
    private Duration transitionTime() {
        return faults.volumeTransitionTime().orElse(createTime);
    }

    private static String cinderTime(Instant instant) {
        return CINDER_TIME.format(instant);
    }

    private ObjectNode volumeSummary(Volume volume, ApiRequest request) {
        ObjectNode node = Json.object().put("id", volume.id()).put("name", volume.name());
        node.set("links", links(volume, request));
        return node;
    }

    private ArrayNode links(Volume volume, ApiRequest request) {
        ArrayNode links = Json.array();
        links.addObject()
                .put("rel", "self")
                .put("href", request.baseUrl() + "/volume/v3/" + volume.projectId() + "/volumes/" + volume.id());
        links.addObject()
                .put("rel", "bookmark")
                .put("href", request.baseUrl() + "/volume/" + volume.projectId() + "/volumes/" + volume.id());
        return links;
    }

    private ObjectNode volumeBody(Volume volume, ApiRequest request) {
        ObjectNode node = Json.object()
                .put("id", volume.id())
                .put("name", volume.name())
                .put("description", volume.description())
                .put("size", volume.sizeAt(clock.instant()))
                .put("status", volume.status(clock.instant()))
                .put("availability_zone", "nova")
                .put("created_at", cinderTime(volume.createdAt()))
                .put("updated_at", cinderTime(volume.createdAt()))
                .put("volume_type", DEFAULT_TYPE)
                .put("bootable", "false")
                .put("encrypted", false)
                .put("multiattach", false)
                .putNull("replication_status")
                .putNull("snapshot_id")
                .putNull("source_volid")
                .putNull("consistencygroup_id")
                .put("migration_status", (String) null)
                .put("user_id", volume.userId())
                .put("os-vol-tenant-attr:tenant_id", volume.projectId());
        node.set("metadata", Json.stringMap(volume.metadata()));
        node.set(
                "attachments",
                Json.arrayOf(
                        volume.attachments(),
                        a -> Json.object()
                                .put("id", volume.id())
                                .put("attachment_id", a.attachmentId())
                                .put("volume_id", volume.id())
                                .put("server_id", a.serverId())
                                .putNull("host_name")
                                .put("device", a.device())
                                .put("attached_at", cinderTime(a.attachedAt()))));
        node.set("links", links(volume, request));
        return node;
    }

    private Stream<Volume> listed(ApiRequest request, AuthContext caller) {
        boolean allProjects = caller.isAdmin()
                && request.queryParam("all_tenants").map(v -> !v.equals("0")).orElse(false);
        Instant now = clock.instant();
        return volumes.values().stream()
                .filter(v -> allProjects ? true : v.projectId().equals(caller.projectId()))
                .filter(v -> request.queryParam("name").map(v.name()::equals).orElse(true))
                .filter(v ->
                        request.queryParam("status").map(v.status(now)::equals).orElse(true));
    }

    private ApiResponse listVolumes(ApiRequest request) {
        AuthContext caller = caller(request);
        ArrayNode items = Json.array();
        listed(request, caller).forEach(v -> items.add(volumeSummary(v, request)));
        return ApiResponse.ok(Json.wrap("volumes", items));
    }

    private ApiResponse listVolumesDetailed(ApiRequest request) {
        AuthContext caller = caller(request);
        ArrayNode items = Json.array();
        listed(request, caller).forEach(v -> items.add(volumeBody(v, request)));
        return ApiResponse.ok(Json.wrap("volumes", items));
    }

    private int limit(String projectId, String resource) {
        return quotas.getOrDefault(projectId, Map.of()).getOrDefault(resource, DEFAULT_QUOTAS.get(resource));
    }

    /** Snapshots count in "gigabytes" too, as in Cinder unless no_snapshot_gb_quota is set. */
    private int used(String projectId, String resource) {
        Stream<Volume> owned =
                volumes.values().stream().filter(v -> v.projectId().equals(projectId));
        Stream<Snapshot> ownedSnapshots =
                snapshots.values().stream().filter(s -> s.projectId().equals(projectId));
        return switch (resource) {
            case "volumes" -> (int) owned.count();
            case "snapshots" -> (int) ownedSnapshots.count();
            case "gigabytes" ->
                owned.mapToInt(Volume::sizeGb).sum()
                        + ownedSnapshots.mapToInt(Snapshot::sizeGb).sum();
            default -> 0;
        };
    }

    private void checkQuota(String projectId, int sizeGb) {
        int perVolume = limit(projectId, "per_volume_gigabytes");
        if (perVolume >= 0 && sizeGb > perVolume) {
            throw ERRORS.badRequest("Invalid input received: Volume size " + sizeGb
                    + "GB is larger than the maximum allowed per volume (" + perVolume + "GB).");
        }
        int maxVolumes = limit(projectId, "volumes");
        if (maxVolumes >= 0 && used(projectId, "volumes") + 1 > maxVolumes) {
            throw ApiError.nova(
                    413,
                    "overLimit",
                    "VolumeLimitExceeded: Maximum number of volumes allowed (" + maxVolumes
                            + ") exceeded for quota 'volumes'.");
        }
        checkGigabytes(projectId, sizeGb);
    }

    /** The gigabytes quota, for a new volume, a snapshot, or the growth of an extended volume. */
    private void checkGigabytes(String projectId, int requestedGb) {
        int maxGigabytes = limit(projectId, "gigabytes");
        int usedGigabytes = used(projectId, "gigabytes");
        if (maxGigabytes >= 0 && usedGigabytes + requestedGb > maxGigabytes) {
            throw ApiError.nova(
                    413,
                    "overLimit",
                    "VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. "
                            + "Requested " + requestedGb + "G, quota is " + maxGigabytes + "G and " + usedGigabytes
                            + "G has been consumed.");
        }
    }

    // ---- volumes ----

    private ApiResponse createVolume(ApiRequest request) {
        AuthContext caller = caller(request);
        JsonNode body = request.resource(ERRORS, "volume");
        JsonNode size = body.get("size");
        if (size == null || !size.canConvertToInt() || size.asInt() <= 0) {
            throw ERRORS.badRequest("Invalid input received: Volume size '" + (size == null ? null : size.asString())
                    + "' must be an integer and greater than 0");
        }
        String type = text(body, "volume_type");
        if (type != null && !type.equals(DEFAULT_TYPE)) {
            throw ERRORS.notFound("Volume type with name " + type + " could not be found.");
        }
        checkQuota(caller.projectId(), size.asInt());
        Map<String, String> metadata = metadata(body.get("metadata"));
        Instant now = clock.instant();
        Volume volume = new Volume(
                UUID.randomUUID().toString(),
                caller.projectId(),
                caller.userId(),
                Optional.ofNullable(text(body, "name")).orElse(""),
                text(body, "description"),
                size.asInt(),
                metadata,
                now,
                now.plus(transitionTime()),
                "error".equals(metadata.get(FAULT_KEY)),
                List.of(),
                null);
        volumes.put(volume.id(), volume);
        return ApiResponse.accepted(Json.wrap("volume", volumeBody(volume, request)));
    }

    private static Map<String, String> metadata(JsonNode node) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> metadata.put(e.getKey(), e.getValue().asString()));
        }
        return Map.copyOf(metadata);
    }

    private ApiResponse showVolume(ApiRequest request) {
        AuthContext caller = caller(request);
        return ApiResponse.ok(Json.wrap("volume", volumeBody(visibleVolume(caller, request.param("id")), request)));
    }

    private ApiResponse showMetadata(ApiRequest request) {
        AuthContext caller = caller(request);
        return ApiResponse.ok(Json.wrap(
                "metadata",
                Json.stringMap(visibleVolume(caller, request.param("id")).metadata())));
    }

    private ApiResponse updateVolume(ApiRequest request) {
        AuthContext caller = caller(request);
        Volume volume = visibleVolume(caller, request.param("id"));
        JsonNode body = request.resource(ERRORS, "volume");
        Volume updated = volume.renamed(
                Optional.ofNullable(text(body, "name")).orElse(volume.name()),
                body.has("description") ? text(body, "description") : volume.description(),
                body.has("metadata") ? metadata(body.get("metadata")) : volume.metadata());
        volumes.put(updated.id(), updated);
        return ApiResponse.ok(Json.wrap("volume", volumeBody(updated, request)));
    }

    private ApiResponse deleteVolume(ApiRequest request) {
        AuthContext caller = caller(request);
        Volume volume = visibleVolume(caller, request.param("id"));
        String status = volume.status(clock.instant());
        boolean hasSnapshots =
                snapshots.values().stream().anyMatch(s -> s.volumeId().equals(volume.id()));
        if (!status.equals("available") && !status.equals("error") || hasSnapshots) {
            throw ERRORS.badRequest("Invalid volume: Volume status must be available or error or error_restoring or "
                    + "error_extending or error_managing and must not be migrating, attached, belong to a group, have "
                    + "snapshots, awaiting a transfer, or be disassociated from snapshots after volume transfer.");
        }
        if (faults.nextDeleteFails("volume")) {
            throw ERRORS.serverError(
                    500, "The server has either erred or is incapable of performing the requested " + "operation.");
        }
        volumes.remove(volume.id());
        return ApiResponse.accepted();
    }

    // ---- volume actions ----

    /** POST /volumes/{id}/action: the action is the body's one key; the fault plan can fail it or lose its answer. */
    private ApiResponse volumeAction(ApiRequest request) {
        AuthContext caller = caller(request);
        Volume volume = visibleVolume(caller, request.param("id"));
        JsonNode body = request.json(ERRORS);
        String action = body.propertyNames().stream().findFirst().orElse("");
        JsonNode argument = body.get(action);
        Router.Handler handler = switch (action) {
            case "os-extend" -> faults.acting("volume_extend", ERRORS, r -> extend(r, volume, argument));
            default -> throw ERRORS.badRequest("There is no such action: " + action);
        };
        return handler.handle(request);
    }

    /**
     * Cinder's checks in its order: the new size, then the status (in-use only from microversion 3.42,
     * worded with the dict Cinder formats into it), then the per-volume limit and the gigabytes of the growth.
     */
    private ApiResponse extend(ApiRequest request, Volume volume, JsonNode argument) {
        JsonNode newSize = argument == null ? null : argument.get("new_size");
        if (newSize == null || !newSize.canConvertToInt()) {
            throw ERRORS.badRequest("Invalid input for field/attribute os-extend. Value: " + argument
                    + ". 'new_size' is a required property");
        }
        int size = newSize.asInt();
        Instant now = clock.instant();
        // the size Cinder has in its database: the former one while an extension runs
        int current = volume.sizeAt(now);
        if (size <= current) {
            throw ERRORS.badRequest("Invalid input received: New size for extend must be greater than current size. "
                    + "(current: " + current + ", extended: " + size + ").");
        }
        String status = volume.status(now);
        String expected = microversion(request) >= EXTEND_IN_USE && status.equals("in-use") ? "in-use" : "available";
        if (!status.equals(expected)) {
            throw ERRORS.badRequest("Invalid volume: Volume " + volume.id() + " status must be '{'status': '" + expected
                    + "'}' to extend, currently " + status + ".");
        }
        int perVolume = limit(volume.projectId(), "per_volume_gigabytes");
        if (perVolume >= 0 && size > perVolume) {
            throw ApiError.nova(
                    413,
                    "overLimit",
                    "VolumeSizeExceedsLimit: Requested volume size " + size + "G is larger than maximum allowed limit "
                            + perVolume + "G.");
        }
        checkGigabytes(volume.projectId(), size - current);
        volumes.put(volume.id(), volume.extendedTo(size, now.plus(transitionTime())));
        return ApiResponse.accepted();
    }

    // ---- snapshots ----

    private Snapshot visibleSnapshot(AuthContext caller, String id) {
        Snapshot snapshot = snapshots.get(id);
        if (snapshot == null || !caller.canSee(snapshot.projectId())) {
            throw ERRORS.notFound("Snapshot " + id + " could not be found.");
        }
        return snapshot;
    }

    private ObjectNode snapshotBody(Snapshot snapshot) {
        String status = snapshot.status(clock.instant());
        ObjectNode node = Json.object()
                .put("id", snapshot.id())
                .put("created_at", cinderTime(snapshot.createdAt()))
                .put("updated_at", cinderTime(snapshot.createdAt()))
                .put("name", snapshot.name())
                .put("description", snapshot.description())
                .put("volume_id", snapshot.volumeId())
                .put("status", status)
                .put("size", snapshot.sizeGb())
                .put("user_id", snapshot.userId())
                .put("os-extended-snapshot-attributes:project_id", snapshot.projectId())
                .put("os-extended-snapshot-attributes:progress", status.equals("available") ? "100%" : "0%");
        node.set("metadata", Json.stringMap(snapshot.metadata()));
        return node;
    }

    /** Cinder answers the same fields in the list and in its detail. */
    private ApiResponse listSnapshots(ApiRequest request) {
        AuthContext caller = caller(request);
        boolean allProjects = caller.isAdmin()
                && request.queryParam("all_tenants").map(v -> !v.equals("0")).orElse(false);
        Instant now = clock.instant();
        ArrayNode items = Json.array();
        snapshots.values().stream()
                .filter(s -> allProjects || s.projectId().equals(caller.projectId()))
                .filter(s ->
                        request.queryParam("name").map(n -> n.equals(s.name())).orElse(true))
                .filter(s -> request.queryParam("volume_id")
                        .map(s.volumeId()::equals)
                        .orElse(true))
                .filter(s ->
                        request.queryParam("status").map(s.status(now)::equals).orElse(true))
                .forEach(s -> items.add(snapshotBody(s)));
        return ApiResponse.ok(Json.wrap("snapshots", items));
    }

    private ApiResponse showSnapshot(ApiRequest request) {
        AuthContext caller = caller(request);
        return ApiResponse.ok(Json.wrap("snapshot", snapshotBody(visibleSnapshot(caller, request.param("id")))));
    }

    /**
     * An in-use volume needs {@code force} (3.66 dropped that; it is above what is served). Cinder
     * reserves one snapshot and the volume's size in gigabytes, the snapshot count checked first.
     */
    private ApiResponse createSnapshot(ApiRequest request) {
        AuthContext caller = caller(request);
        JsonNode body = request.resource(ERRORS, "snapshot");
        String volumeId = text(body, "volume_id");
        if (volumeId == null) {
            throw ERRORS.badRequest("Invalid input for field/attribute snapshot. Value: " + body
                    + ". 'volume_id' is a required property");
        }
        Volume volume = visibleVolume(caller, volumeId);
        boolean force = force(body.get("force"));
        Instant now = clock.instant();
        String status = volume.status(now);
        if (status.equals("error")) {
            throw ERRORS.badRequest(
                    "Invalid volume: The snapshot cannot be created when the volume is in error status.");
        }
        List<String> allowed = force ? List.of("available", "in-use") : List.of("available");
        if (!allowed.contains(status)) {
            throw ERRORS.badRequest("Invalid volume: Volume " + volumeId + " status must be "
                    + String.join(", ", allowed) + ", but current status is: " + status + ".");
        }
        int maxSnapshots = limit(volume.projectId(), "snapshots");
        if (maxSnapshots >= 0 && used(volume.projectId(), "snapshots") + 1 > maxSnapshots) {
            throw ApiError.nova(
                    413,
                    "overLimit",
                    "SnapshotLimitExceeded: Maximum number of snapshots allowed (" + maxSnapshots + ") exceeded");
        }
        checkGigabytes(volume.projectId(), volume.sizeGb());
        Snapshot snapshot = new Snapshot(
                UUID.randomUUID().toString(),
                volume.projectId(),
                caller.userId(),
                volume.id(),
                text(body, "name"),
                text(body, "description"),
                volume.sizeGb(),
                metadata(body.get("metadata")),
                now,
                now.plus(transitionTime()));
        snapshots.put(snapshot.id(), snapshot);
        return ApiResponse.accepted(Json.wrap("snapshot", snapshotBody(snapshot)));
    }

    /** Cinder's strict bool_from_string: a JSON boolean or one of its words, anything else refused. */
    private static boolean force(JsonNode force) {
        if (force == null || force.isNull()) {
            return false;
        }
        if (force.isBoolean()) {
            return force.asBoolean();
        }
        String word = force.asString().trim().toLowerCase(Locale.ROOT);
        if (List.of("1", "t", "true", "on", "y", "yes").contains(word)) {
            return true;
        }
        if (List.of("0", "f", "false", "off", "n", "no").contains(word)) {
            return false;
        }
        throw ERRORS.badRequest("Invalid input for field/attribute force. Value: " + force + ". " + force
                + " is not of type 'boolean', 'string'");
    }

    private ApiResponse deleteSnapshot(ApiRequest request) {
        AuthContext caller = caller(request);
        Snapshot snapshot = visibleSnapshot(caller, request.param("id"));
        if (!snapshot.status(clock.instant()).equals("available")) {
            throw ERRORS.badRequest("Invalid snapshot: Snapshot status must be available or error and must not be "
                    + "part of a group.");
        }
        if (faults.nextDeleteFails("snapshot")) {
            throw ERRORS.serverError(
                    500, "The server has either erred or is incapable of performing the requested operation.");
        }
        snapshots.remove(snapshot.id());
        return ApiResponse.accepted();
    }

    private ApiResponse listAttachments(ApiRequest request) {
        AuthContext caller = caller(request);
        ArrayNode items = Json.array();
        volumes.values().stream()
                .filter(v -> caller.canSee(v.projectId()))
                .forEach(v -> v.attachments()
                        .forEach(a -> items.addObject()
                                .put("id", a.attachmentId())
                                .put("status", "attached")
                                .put("instance", a.serverId())
                                .put("volume_id", v.id())));
        return ApiResponse.ok(Json.wrap("attachments", items));
    }

    private ApiResponse listTypes(ApiRequest request) {
        caller(request);
        ObjectNode type = Json.object()
                .put(
                        "id",
                        UUID.nameUUIDFromBytes(DEFAULT_TYPE.getBytes(StandardCharsets.UTF_8))
                                .toString())
                .put("name", DEFAULT_TYPE)
                .put("description", "Default Volume Type")
                .put("is_public", true);
        type.putObject("extra_specs");
        return ApiResponse.ok(Json.wrap("volume_types", Json.array().add(type)));
    }

    private ApiResponse availabilityZones(ApiRequest request) {
        caller(request);
        ObjectNode zone = Json.object().put("zoneName", "nova");
        zone.putObject("zoneState").put("available", true);
        return ApiResponse.ok(Json.wrap("availabilityZoneInfo", Json.array().add(zone)));
    }

    private ApiResponse limits(ApiRequest request) {
        AuthContext caller = caller(request);
        String projectId = caller.projectId();
        ObjectNode absolute = Json.object()
                .put("maxTotalVolumes", limit(projectId, "volumes"))
                .put("totalVolumesUsed", used(projectId, "volumes"))
                .put("maxTotalVolumeGigabytes", limit(projectId, "gigabytes"))
                .put("totalGigabytesUsed", used(projectId, "gigabytes"))
                .put("maxTotalSnapshots", limit(projectId, "snapshots"))
                .put("totalSnapshotsUsed", used(projectId, "snapshots"))
                .put("maxTotalBackups", limit(projectId, "backups"))
                .put("totalBackupsUsed", 0)
                .put("maxTotalBackupGigabytes", limit(projectId, "backup_gigabytes"))
                .put("totalBackupGigabytesUsed", 0);
        ObjectNode limits = Json.object();
        limits.putArray("rate");
        limits.set("absolute", absolute);
        return ApiResponse.ok(Json.wrap("limits", limits));
    }

    // ---- quotas ----

    private String quotaTarget(ApiRequest request, AuthContext caller) {
        String target = request.param("target");
        if (!caller.canSee(target)) {
            throw ApiError.nova(403, "forbidden", "Policy doesn't allow volume_extension:quotas:show to be performed.");
        }
        return target;
    }

    private ApiResponse showQuota(ApiRequest request) {
        AuthContext caller = caller(request);
        String target = quotaTarget(request, caller);
        boolean usage = request.queryParam("usage").map(Boolean::parseBoolean).orElse(false);
        ObjectNode quota = Json.object().put("id", target);
        DEFAULT_QUOTAS.keySet().stream().sorted().forEach(resource -> {
            if (usage) {
                quota.putObject(resource)
                        .put("limit", limit(target, resource))
                        .put("in_use", used(target, resource))
                        .put("reserved", 0)
                        .put("allocated", 0);
            } else {
                quota.put(resource, limit(target, resource));
            }
        });
        return ApiResponse.ok(Json.wrap("quota_set", quota));
    }

    private ApiResponse showDefaultQuota(ApiRequest request) {
        caller(request);
        ObjectNode quota = Json.object().put("id", request.param("target"));
        DEFAULT_QUOTAS.keySet().stream()
                .sorted()
                .forEach(resource -> quota.put(resource, DEFAULT_QUOTAS.get(resource)));
        return ApiResponse.ok(Json.wrap("quota_set", quota));
    }

    private ApiResponse updateQuota(ApiRequest request) {
        AuthContext caller = caller(request);
        if (!caller.isAdmin()) {
            throw ApiError.nova(
                    403, "forbidden", "Policy doesn't allow volume_extension:quotas:update to be performed.");
        }
        String target = request.param("target");
        JsonNode body = request.resource(ERRORS, "quota_set");
        Map<String, Integer> limits = new LinkedHashMap<>(quotas.getOrDefault(target, Map.of()));
        for (var field : body.properties()) {
            if (DEFAULT_QUOTAS.containsKey(field.getKey())) {
                limits.put(field.getKey(), field.getValue().asInt());
            } else if (!field.getKey().equals("id")) {
                throw ERRORS.badRequest("Bad key(s) in quota set: " + field.getKey());
            }
        }
        quotas.put(target, Map.copyOf(limits));
        ObjectNode quota = Json.object();
        DEFAULT_QUOTAS.keySet().stream().sorted().forEach(resource -> quota.put(resource, limit(target, resource)));
        return ApiResponse.ok(Json.wrap("quota_set", quota));
    }

    private ApiResponse resetQuota(ApiRequest request) {
        AuthContext caller = caller(request);
        if (!caller.isAdmin()) {
            throw ApiError.nova(
                    403, "forbidden", "Policy doesn't allow volume_extension:quotas:delete to be performed.");
        }
        quotas.remove(request.param("target"));
        return ApiResponse.ok(Json.object());
    }
}
