package fr.picloud.provisioning.saga.domain;

import java.util.Map;
import java.util.Objects;

/**
 * A resource as the cloud knows it.
 *
 * @param kind the template kind (network, subnet, router, router-interface, security-group, keypair,
 *     volume, server, volume-attachment, floating-ip)
 * @param id the cloud's id for it (a key pair's name, a router interface's port id...)
 * @param attributes what later steps and billing need to know of it: a server's {@code flavor},
 *     {@code vcpus}, {@code ramGb}, {@code networkId}, {@code portId}; a volume's {@code sizeGb}; a
 *     floating IP's {@code address}; a subnet's {@code networkId}; a router interface's
 *     {@code routerId} and {@code subnetId}; a volume attachment's {@code serverId} and
 *     {@code volumeId}
 */
public record CloudResource(String kind, String id, Map<String, String> attributes) {

    public CloudResource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        attributes = Map.copyOf(Objects.requireNonNullElse(attributes, Map.of()));
    }

    public String attribute(String name) {
        return attributes.get(name);
    }
}
