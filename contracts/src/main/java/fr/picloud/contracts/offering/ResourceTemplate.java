package fr.picloud.contracts.offering;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which OpenStack resources an order of an offering becomes: declarative data the provisioning saga
 * reads, never code. Values may hold placeholders {@code ${parameter}} bound from the order's
 * parameters; a value that is exactly one placeholder takes the parameter's type (number, boolean),
 * a placeholder inside a longer text is replaced by its text. The format is documented in
 * {@code docs/resource-template.md}.
 *
 * @param flavors the compute flavors this offering may use, with their size (what pricing needs)
 * @param resources the resources, in any order: {@code dependsOn} gives the build order
 */
public record ResourceTemplate(Map<String, Flavor> flavors, List<Resource> resources) {

    public ResourceTemplate {
        flavors = Map.copyOf(Objects.requireNonNullElse(flavors, Map.of()));
        resources = List.copyOf(Objects.requireNonNull(resources, "resources"));
    }

    /** An OpenStack flavor's size. */
    public record Flavor(int vcpus, int ramGb) {}

    /**
     * One resource.
     *
     * @param name unique within the template; other resources refer to it by this name
     * @param kind one of network, subnet, router, router-interface, security-group, keypair, volume,
     *     server, volume-attachment, floating-ip
     * @param count how many (a number or a placeholder); absent means one
     * @param when create it only if this is true (a boolean or a placeholder); absent means always
     */
    public record Resource(
            String name,
            String kind,
            List<String> dependsOn,
            Object count,
            Object when,
            Map<String, Object> properties) {

        public Resource {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            dependsOn = List.copyOf(Objects.requireNonNullElse(dependsOn, List.of()));
            properties = Objects.requireNonNullElse(properties, Map.of());
        }
    }
}
