package fr.picloud.provisioning.saga.domain;

import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.contracts.order.OperationType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a day-2 operation into the one step that carries it out, after the order's project step.
 * The step's properties say what it acts on ({@code targetId}, the resource's OpenStack id) and what
 * it was before ({@code fromFlavor}, {@code fromSizeGb}), so that its compensation can put it back.
 */
public final class OperationPlanner {

    /** The step property naming the operation, which the saga's outcome reports. */
    public static final String OPERATION = "operation";

    public static final String TARGET_ID = "targetId";
    public static final String TARGET_NAME = "targetName";

    private OperationPlanner() {}

    /** What the operation asks: the target as the order knows it, and the new values. */
    public record Request(
            UUID operationId,
            OperationType type,
            String targetName,
            String targetId,
            String fromFlavor,
            Integer fromSizeGb,
            String flavor,
            Integer vcpus,
            Integer ramGb,
            Integer sizeGb) {}

    public static StepPlan step(Request request) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(OPERATION, request.type().name());
        properties.put(TARGET_ID, request.targetId());
        properties.put(TARGET_NAME, request.targetName());
        ResourceKind kind = switch (request.type()) {
            case RESIZE -> {
                properties.put("flavor", require(request.flavor(), "flavor", request));
                properties.put("fromFlavor", request.fromFlavor());
                putIfPresent(properties, "vcpus", request.vcpus());
                putIfPresent(properties, "ramGb", request.ramGb());
                yield ResourceKind.SERVER_RESIZE;
            }
            case EXTEND_VOLUME -> {
                properties.put("sizeGb", require(request.sizeGb(), "sizeGb", request));
                putIfPresent(properties, "fromSizeGb", request.fromSizeGb());
                yield ResourceKind.VOLUME_EXTEND;
            }
            case STOP, START, REBOOT -> {
                properties.put("power", request.type().name());
                yield ResourceKind.SERVER_POWER;
            }
            case SNAPSHOT -> {
                putIfPresent(properties, "sizeGb", request.fromSizeGb());
                yield ResourceKind.VOLUME_SNAPSHOT;
            }
            case DELETE_SNAPSHOT -> {
                putIfPresent(properties, "sizeGb", request.fromSizeGb());
                yield ResourceKind.VOLUME_SNAPSHOT;
            }
            case SET_EXPIRY ->
                throw new IllegalArgumentException(
                        "SET_EXPIRY is order-service's own: it changes the order's end date, nothing on the cloud");
        };
        return new StepPlan(
                stepName(request), kind.wireName(), List.of(SagaPlanner.PROJECT_STEP), Map.of(), properties);
    }

    /**
     * The step's name, which is also the name of what it makes in the order's inventory: a snapshot
     * is {@code <volume>-snapshot-<first 8 characters of the operation id>}, unique in the order.
     */
    static String stepName(Request request) {
        return switch (request.type()) {
            case SNAPSHOT ->
                request.targetName() + "-snapshot-"
                        + request.operationId().toString().substring(0, 8);
            case DELETE_SNAPSHOT -> request.targetName();
            default ->
                request.targetName() + "-" + request.type().name().toLowerCase().replace('_', '-');
        };
    }

    private static Object require(Object value, String name, Request request) {
        if (value == null) {
            throw new IllegalArgumentException(request.type() + " needs " + name);
        }
        return value;
    }

    private static void putIfPresent(Map<String, Object> properties, String name, Object value) {
        if (value != null) {
            properties.put(name, value);
        }
    }
}
