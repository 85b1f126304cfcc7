package fr.picloud.provisioning.saga.domain;

import static fr.picloud.contracts.offering.ResourceKind.FLOATING_IP;
import static fr.picloud.contracts.offering.ResourceKind.KEYPAIR;
import static fr.picloud.contracts.offering.ResourceKind.NETWORK;
import static fr.picloud.contracts.offering.ResourceKind.PROJECT;
import static fr.picloud.contracts.offering.ResourceKind.ROUTER;
import static fr.picloud.contracts.offering.ResourceKind.ROUTER_INTERFACE;
import static fr.picloud.contracts.offering.ResourceKind.SECURITY_GROUP;
import static fr.picloud.contracts.offering.ResourceKind.SERVER;
import static fr.picloud.contracts.offering.ResourceKind.SERVER_POWER;
import static fr.picloud.contracts.offering.ResourceKind.SERVER_RESIZE;
import static fr.picloud.contracts.offering.ResourceKind.SUBNET;
import static fr.picloud.contracts.offering.ResourceKind.VOLUME;
import static fr.picloud.contracts.offering.ResourceKind.VOLUME_ATTACHMENT;
import static fr.picloud.contracts.offering.ResourceKind.VOLUME_EXTEND;
import static fr.picloud.contracts.offering.ResourceKind.VOLUME_SNAPSHOT;

import fr.picloud.contracts.offering.ResourceKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every step a provisioning saga can take, in build order, each with its action and its compensation
 * side by side. The cloud adapter registers one handler per step kind and refuses to start without
 * one for each; {@code docs/provisioning.md} shows {@link #markdownTable()} (a test keeps the two equal).
 *
 * <p>A step records CREATING before its create call: found CREATING again (a crash, a lost answer),
 * it looks for what it may have made, by its unique name, and adopts it instead of making a twin. A
 * compensation likewise looks by name for what a step in doubt may have made.
 */
public final class StepCatalogue {

    /** What a step of one kind does and how it is undone. */
    public record Step(ResourceKind kind, String action, String compensation) {}

    private static final List<Step> STEPS = List.of(
            step(
                    PROJECT,
                    "find or create the tenant's Keystone project `picloud-<tenant>`, set its quota from the tenant's"
                            + " (cores, RAM, instances, volume GB, floating IPs, Neutron room for one stack per instance)",
                    "none: the project is the tenant's, shared by its orders"),
            step(NETWORK, "find by name, or create (tagged with the step's name)", "delete"),
            step(SUBNET, "find by name, or create on the network with the template's CIDR", "delete"),
            step(ROUTER, "find by name, or create with its gateway on the external network", "delete"),
            step(
                    ROUTER_INTERFACE,
                    "find the router's port on the subnet, or add the subnet to the router",
                    "remove it"),
            step(SECURITY_GROUP, "find by name (adding the rules it lacks), or create with the rules", "delete"),
            step(KEYPAIR, "find by name, or create", "delete"),
            step(VOLUME, "find by name, or create (× count); wait until `available`", "delete, wait until gone"),
            step(
                    SERVER,
                    "find by name, or boot (× count); wait until `ACTIVE` (polling with a growing interval)",
                    "delete, wait until gone"),
            step(
                    VOLUME_ATTACHMENT,
                    "attach the volume to the server (one per server/volume pair), wait until `in-use`",
                    "detach, wait until `available`"),
            step(
                    FLOATING_IP,
                    "find by description or tag, or allocate on the server's port; wait for its address",
                    "delete"),
            // day 2: one step after the order's project step, on a resource the order already has
            step(
                    SERVER_RESIZE,
                    "resize the server to the new flavor (adopted when it has it already), confirm at"
                            + " `VERIFY_RESIZE`, wait until `ACTIVE` or `SHUTOFF` with that flavor",
                    "revert a resize awaiting confirmation, or resize back to the former flavor"),
            step(
                    VOLUME_EXTEND,
                    "extend the volume to the new size (adopted when it has it already), wait until"
                            + " `available` or `in-use` with that size",
                    "none: Cinder cannot shrink a volume, it keeps the larger size"),
            step(
                    SERVER_POWER,
                    "stop, start or soft-reboot the server (a stop or start adopted when already there), wait"
                            + " until `SHUTOFF` or `ACTIVE`",
                    "none: the server stays as Nova left it"),
            step(
                    VOLUME_SNAPSHOT,
                    "find by name, or snapshot the volume (forced when attached); wait until `available`",
                    "delete, wait until gone (also when the snapshot is deleted, or its order decommissioned)"));

    private static final Map<ResourceKind, Step> BY_KIND =
            new EnumMap<>(STEPS.stream().collect(Collectors.toMap(Step::kind, step -> step)));

    private StepCatalogue() {}

    private static Step step(ResourceKind kind, String action, String compensation) {
        return new Step(kind, action, compensation);
    }

    /** The steps in build order: a kind comes after the kinds it can be built on. */
    public static List<Step> steps() {
        return STEPS;
    }

    public static Step of(ResourceKind kind) {
        Step step = BY_KIND.get(kind);
        if (step == null) {
            throw new IllegalArgumentException("no saga step for resource kind " + kind);
        }
        return step;
    }

    /** The catalogue as the Markdown table of {@code docs/provisioning.md}. */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| step | action | compensation |\n|---|---|---|\n");
        for (Step step : STEPS) {
            table.append("| `")
                    .append(step.kind().wireName())
                    .append("` | ")
                    .append(step.action())
                    .append(" | ")
                    .append(step.compensation())
                    .append(" |\n");
        }
        return table.toString();
    }
}
