package fr.picloud.contracts.order;

/**
 * What a day-2 operation does to a resource a completed order built. Each is an order of its own
 * kind: approved (or not) by the tenant's policy, carried out by a saga with its compensation.
 */
public enum OperationType {
    /** A server to another flavor of its offering (Nova resize, confirmed; reverted on failure). */
    RESIZE,
    /** A volume to a larger size (Cinder extend; a volume never shrinks). */
    EXTEND_VOLUME,
    STOP,
    START,
    REBOOT,
    /** A snapshot of a volume: a resource of its own, metered, removed with the order. */
    SNAPSHOT,
    DELETE_SNAPSHOT;

    /** Whether the operation acts on a server (else on a volume, or on a snapshot for DELETE_SNAPSHOT). */
    public String targetKind() {
        return switch (this) {
            case RESIZE, STOP, START, REBOOT -> "server";
            case EXTEND_VOLUME, SNAPSHOT -> "volume";
            case DELETE_SNAPSHOT -> "volume-snapshot";
        };
    }
}
