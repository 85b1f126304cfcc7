package fr.picloud.openstack.emulator.image;

import fr.picloud.openstack.emulator.EmulatedService;
import fr.picloud.openstack.emulator.Inventory;
import fr.picloud.openstack.emulator.http.ApiRequest;
import fr.picloud.openstack.emulator.http.ApiResponse;
import fr.picloud.openstack.emulator.http.ErrorStyle;
import fr.picloud.openstack.emulator.http.Json;
import fr.picloud.openstack.emulator.http.Router;
import fr.picloud.openstack.emulator.identity.Keystone;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Glance v2, read-only: a few public images so servers have something to boot. */
public final class Glance implements EmulatedService {

    public record Image(String id, String name, String osDistro, long sizeBytes, int minDiskGb) {}

    private static final ErrorStyle ERRORS = ErrorStyle.GLANCE;
    private static final Instant SEEDED_AT = Instant.parse("2024-01-15T10:00:00Z");
    private static final List<Image> IMAGES = List.of(
            image("cirros-0.6.2-x86_64-disk", "cirros", 21_430_272L, 1),
            image("debian-12-genericcloud-amd64", "debian", 343_277_568L, 3),
            image("ubuntu-22.04-server-cloudimg-amd64", "ubuntu", 672_661_504L, 3));

    private final Keystone keystone;
    private final Router router = new Router();

    public Glance(Keystone keystone) {
        this.keystone = keystone;
        router.get("/", this::versions)
                .get("/v2/images", this::listImages)
                .get("/v2/images/{id}", this::showImage)
                .get("/v2/schemas/image", this::imageSchema);
    }

    private static Image image(String name, String distro, long size, int minDisk) {
        String id = UUID.nameUUIDFromBytes(("image:" + name).getBytes(StandardCharsets.UTF_8))
                .toString();
        return new Image(id, name, distro, size, minDisk);
    }

    public Optional<Image> image(String id) {
        return IMAGES.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    @Override
    public String type() {
        return "image";
    }

    @Override
    public String prefix() {
        return "/image";
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
        // images are seeded and read-only
    }

    @Override
    public void describe(Inventory inventory) {
        // seeded images are not resources a client created
    }

    private ApiResponse versions(ApiRequest request) {
        ArrayNode versions = Json.array();
        for (String version : List.of("2.16", "2.15", "2.0")) {
            ObjectNode node = versions.addObject()
                    .put("id", "v" + version)
                    .put("status", version.equals("2.16") ? "CURRENT" : "SUPPORTED");
            node.putArray("links").add(Json.object().put("rel", "self").put("href", request.baseUrl() + "/image/v2/"));
        }
        return ApiResponse.json(300, Json.wrap("versions", versions));
    }

    private ObjectNode imageBody(Image image) {
        ObjectNode node = Json.object()
                .put("id", image.id())
                .put("name", image.name())
                .put("status", "active")
                .put("visibility", "public")
                .put("protected", false)
                .put("os_hidden", false)
                .put("disk_format", "qcow2")
                .put("container_format", "bare")
                .put("size", image.sizeBytes())
                .putNull("virtual_size")
                .put("min_disk", image.minDiskGb())
                .put("min_ram", 0)
                .put(
                        "checksum",
                        UUID.nameUUIDFromBytes(image.name().getBytes(StandardCharsets.UTF_8))
                                .toString()
                                .replace("-", ""))
                .put("owner", keystone.adminProjectId())
                .put("os_distro", image.osDistro())
                .put("created_at", Json.seconds(SEEDED_AT))
                .put("updated_at", Json.seconds(SEEDED_AT))
                .put("self", "/v2/images/" + image.id())
                .put("file", "/v2/images/" + image.id() + "/file")
                .put("schema", "/v2/schemas/image");
        node.putArray("tags");
        return node;
    }

    private ApiResponse listImages(ApiRequest request) {
        keystone.authenticate(request);
        List<Image> found = IMAGES.stream()
                .filter(i -> request.queryParam("name").map(i.name()::equals).orElse(true))
                .filter(i -> request.queryParam("status").map("active"::equals).orElse(true))
                .filter(i ->
                        request.queryParam("visibility").map("public"::equals).orElse(true))
                .toList();
        ObjectNode body = Json.object();
        body.set("images", Json.arrayOf(found, this::imageBody));
        body.put("first", "/v2/images").put("schema", "/v2/schemas/images");
        return ApiResponse.ok(body);
    }

    private ApiResponse showImage(ApiRequest request) {
        keystone.authenticate(request);
        String id = request.param("id");
        return ApiResponse.ok(imageBody(image(id).orElseThrow(() -> ERRORS.notFound("No image found with ID " + id))));
    }

    private ApiResponse imageSchema(ApiRequest request) {
        ObjectNode schema = Json.object().put("name", "image");
        schema.putObject("properties");
        return ApiResponse.ok(schema);
    }
}
