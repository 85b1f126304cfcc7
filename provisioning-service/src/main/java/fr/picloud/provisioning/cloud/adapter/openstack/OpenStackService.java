package fr.picloud.provisioning.cloud.adapter.openstack;

/** The OpenStack services the adapter calls; each has its own circuit breaker. */
enum OpenStackService {
    IDENTITY("identity"),
    COMPUTE("compute"),
    NETWORK("network"),
    VOLUME("volume"),
    IMAGE("image");

    private final String type;

    OpenStackService(String type) {
        this.type = type;
    }

    /** The catalogue type, as OpenStack names it (and as metrics and messages show it). */
    String type() {
        return type;
    }
}
