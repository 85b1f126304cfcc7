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
    DELETE_SNAPSHOT,
    /**
     * A new end date for the order (an extension, once, within the offering's policy; or an earlier
     * date). order-service's own: it takes effect at once, no saga, nothing sent to the cloud.
     */
    SET_EXPIRY;

    /**
     * The kind of the order's resource the operation acts on: a server, a volume, a snapshot for
     * DELETE_SNAPSHOT; null for SET_EXPIRY, which acts on the order itself.
     */
    public String targetKind() {
        return switch (this) {
            case RESIZE, STOP, START, REBOOT -> "server";
            case EXTEND_VOLUME, SNAPSHOT -> "volume";
            case DELETE_SNAPSHOT -> "volume-snapshot";
            case SET_EXPIRY -> null;
        };
    }

    /** Whether provisioning carries it out (a saga on the cloud); SET_EXPIRY is order-service's alone. */
    public boolean onCloud() {
        return this != SET_EXPIRY;
    }
}
