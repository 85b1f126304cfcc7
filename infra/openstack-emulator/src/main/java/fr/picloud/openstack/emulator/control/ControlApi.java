package fr.picloud.openstack.emulator.control;

import fr.picloud.openstack.emulator.EmulatedService;
import fr.picloud.openstack.emulator.Inventory;
import fr.picloud.openstack.emulator.fault.FaultPlan;
import fr.picloud.openstack.emulator.fault.Faults;
import fr.picloud.openstack.emulator.http.ApiRequest;
import fr.picloud.openstack.emulator.http.ApiResponse;
import fr.picloud.openstack.emulator.http.ErrorStyle;
import fr.picloud.openstack.emulator.http.Json;
import fr.picloud.openstack.emulator.http.Router;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emulator's own API under /_emulator (no authentication: it is a test tool on loopback):
 * fault injection, the inventory of live resources per project, and reset.
 */
public final class ControlApi implements EmulatedService {

    private static final ErrorStyle ERRORS = ErrorStyle.KEYSTONE;
    // a misspelt fault setting must be refused, not silently ignored; an absent one means "no fault"
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final Faults faults;
    private final List<EmulatedService> services;
    private final Router router = new Router();

    public ControlApi(Faults faults, List<EmulatedService> services) {
        this.faults = faults;
        this.services = List.copyOf(services);
        router.get("/health", request -> ApiResponse.ok(Json.object().put("status", "ok")))
                .get("/faults", request -> ApiResponse.ok(Json.MAPPER.valueToTree(faults.plan())))
                .put("/faults", this::applyFaults)
                .delete("/faults", request -> {
                    faults.clear();
                    return ApiResponse.noContent();
                })
                .get("/inventory", this::inventory)
                .post("/reset", request -> {
                    reset();
                    return ApiResponse.noContent();
                });
    }

    @Override
    public String type() {
        return "emulator";
    }

    @Override
    public String prefix() {
        return "/_emulator";
    }

    @Override
    public ErrorStyle errors() {
        return ERRORS;
    }

    @Override
    public ApiResponse handle(ApiRequest request, String relativePath) {
        return router.dispatch(request, relativePath, ERRORS);
    }

    /** Forgets every resource, quota and fault; keeps what is seeded (users, flavors, images, public network). */
    @Override
    public void reset() {
        faults.clear();
        services.forEach(EmulatedService::reset);
    }

    @Override
    public void describe(Inventory inventory) {
        services.forEach(service -> service.describe(inventory));
    }

    private ApiResponse applyFaults(ApiRequest request) {
        try {
            FaultPlan plan = STRICT.readValue(request.body(), FaultPlan.class);
            faults.apply(plan);
            return ApiResponse.ok(Json.MAPPER.valueToTree(plan));
        } catch (JacksonException | IllegalArgumentException e) {
            throw ERRORS.badRequest("Invalid fault plan: " + e.getMessage());
        }
    }

    private ApiResponse inventory(ApiRequest request) {
        Inventory inventory = new Inventory();
        describe(inventory);
        return ApiResponse.ok(inventory.toJson(request.queryParam("project").orElse(null)));
    }
}
