package fr.picloud.contracts.offering;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The kinds of OpenStack resource an offering's template can name, the tenant project every saga
 * works in, and what day-2 operations make or change. On the wire (templates, provisioning events, billing's metered resources) a kind is its
 * {@link #wireName()}; this enum is the one list the catalogue, the saga and billing share.
 */
public enum ResourceKind {
    PROJECT("project", false),
    NETWORK("network", true),
    SUBNET("subnet", true),
    ROUTER("router", true),
    ROUTER_INTERFACE("router-interface", true),
    SECURITY_GROUP("security-group", true),
    KEYPAIR("keypair", true),
    VOLUME("volume", true),
    SERVER("server", true),
    VOLUME_ATTACHMENT("volume-attachment", true),
    FLOATING_IP("floating-ip", true),
    /** A snapshot of a volume, made by a day-2 operation: metered, listed, removed with the order. */
    VOLUME_SNAPSHOT("volume-snapshot", false),
    /** A day-2 step, no resource of its own: a server to another flavor (resize, then confirm). */
    SERVER_RESIZE("server-resize", false),
    /** A day-2 step: a volume to a larger size. */
    VOLUME_EXTEND("volume-extend", false),
    /** A day-2 step: a server stopped, started or rebooted. */
    SERVER_POWER("server-power", false);

    private static final Map<String, ResourceKind> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ResourceKind::wireName, Function.identity()));

    private final String wireName;
    private final boolean inTemplates;

    ResourceKind(String wireName, boolean inTemplates) {
        this.wireName = wireName;
        this.inTemplates = inTemplates;
    }

    /** The kind's name in templates and messages: {@code floating-ip}. */
    public String wireName() {
        return wireName;
    }

    /** Whether a template may name it (the project is the saga's own first step, never a template's). */
    public boolean inTemplates() {
        return inTemplates;
    }

    public static Optional<ResourceKind> ofWireName(String wireName) {
        return Optional.ofNullable(wireName).map(BY_WIRE_NAME::get);
    }

    /** The wire names a template may use, in declaration order, for messages that list them. */
    public static String templateKinds() {
        return Arrays.stream(values())
                .filter(ResourceKind::inTemplates)
                .map(ResourceKind::wireName)
                .collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
