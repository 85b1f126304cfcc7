package fr.picloud.provisioning.saga.domain;

import java.util.Map;
import java.util.Objects;

/**
 * What one saga step asks the cloud to build.
 *
 * @param kind the template kind
 * @param name the name (and tag) the resource gets in OpenStack, unique to the saga and step
 *     ({@code pi-<saga>-<step>}): a retried step finds by it what an interrupted attempt created
 * @param properties the template's bound properties (a volume's {@code sizeGb}, a server's
 *     {@code flavor} and {@code image}, a subnet's {@code cidr}, a security group's {@code rules}...)
 * @param inputs the resources it is built on, by kind: a subnet's {@code network}, a router
 *     interface's {@code router} and {@code subnet}, a server's {@code subnet}, {@code security-group}
 *     and {@code keypair}, an attachment's {@code server} and {@code volume}, a floating IP's
 *     {@code server}
 */
public record ResourceSpec(
        String kind, String name, Map<String, Object> properties, Map<String, CloudResource> inputs) {

    public ResourceSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        properties = Map.copyOf(Objects.requireNonNullElse(properties, Map.of()));
        inputs = Map.copyOf(Objects.requireNonNullElse(inputs, Map.of()));
    }

    public CloudResource input(String kind) {
        CloudResource input = inputs.get(kind);
        if (input == null) {
            throw new CloudException(false, "a " + this.kind + " needs a " + kind + " to be built on");
        }
        return input;
    }
}
