package fr.picloud.provisioning.cloud.adapter.openstack;

import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.ONCE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.SAFE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.single;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.toInteger;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.NETWORK;

import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.provisioning.saga.domain.CloudException;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.ResourceSpec;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openstack4j.api.Builders;
import org.openstack4j.api.exceptions.ResponseException;
import org.openstack4j.model.network.Resource;
import org.openstack4j.model.network.SecurityGroup;
import org.openstack4j.model.network.SecurityGroupRule;

/**
 * A security group and the template's rules. An attempt interrupted between the group and its rules
 * left it incomplete: adopting it adds the rules it lacks.
 */
final class SecurityGroupHandler implements ResourceHandler {

    private final OpenStackGateway gateway;
    private final NeutronSupport neutron;

    SecurityGroupHandler(OpenStackGateway gateway, NeutronSupport neutron) {
        this.gateway = gateway;
        this.neutron = neutron;
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.SECURITY_GROUP;
    }

    @Override
    public Optional<CloudResource> find(String projectId, ResourceSpec spec) {
        List<? extends SecurityGroup> found = gateway.inProject(
                projectId,
                NETWORK,
                "find security group",
                SAFE,
                c -> c.networking().securitygroup().list(Map.of("name", spec.name())));
        Optional<? extends SecurityGroup> group = single(
                found.stream()
                        .filter(g -> spec.name().equals(g.getName()) && projectId.equals(g.getTenantId()))
                        .toList(),
                "security group",
                spec.name());
        group.ifPresent(g -> addRules(projectId, g.getId(), missing(rules(spec), g.getRules())));
        return group.map(g -> resource(g.getId(), spec.name()));
    }

    @Override
    public CloudResource create(String projectId, ResourceSpec spec) {
        List<Rule> rules = rules(spec);
        SecurityGroup group = gateway.inProject(
                projectId,
                NETWORK,
                "create security group",
                ONCE,
                c -> c.networking()
                        .securitygroup()
                        .create(Builders.securityGroup()
                                .name(spec.name())
                                .description("PI Cloud " + spec.name())
                                .build()));
        neutron.tag(projectId, Resource.SECURITY_GROUP, group.getId(), spec.name());
        addRules(projectId, group.getId(), rules);
        return resource(group.getId(), spec.name());
    }

    @Override
    public boolean delete(String projectId, CloudResource resource) {
        return neutron.delete(
                projectId,
                "delete security group",
                c -> c.networking().securitygroup().delete(resource.id()));
    }

    private CloudResource resource(String id, String name) {
        return new CloudResource(kind().wireName(), id, Map.of("name", name));
    }

    /** One security group rule of the template. */
    private record Rule(String direction, String protocol, Integer portMin, Integer portMax, String remoteIpPrefix) {
        boolean matches(SecurityGroupRule rule) {
            return direction.equals(rule.getDirection())
                    && Objects.equals(protocol, rule.getProtocol())
                    && Objects.equals(portMin, rule.getPortRangeMin())
                    && Objects.equals(portMax, rule.getPortRangeMax())
                    && Objects.equals(remoteIpPrefix, rule.getRemoteIpPrefix());
        }
    }

    private static List<Rule> rules(ResourceSpec spec) {
        Object raw = spec.properties().get("rules");
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof Collection<?> items)) {
            throw new CloudException(false, "security group rules must be a list, got " + raw);
        }
        return items.stream()
                .map(item -> {
                    if (!(item instanceof Map<?, ?> rule)) {
                        throw new CloudException(false, "a security group rule must be an object, got " + item);
                    }
                    String direction = Objects.toString(rule.get("direction"), "ingress");
                    if (!direction.equals("ingress") && !direction.equals("egress")) {
                        throw new CloudException(
                                false, "security group rule direction must be ingress or egress: " + rule);
                    }
                    return new Rule(
                            direction,
                            rule.get("protocol") == null
                                    ? null
                                    : rule.get("protocol").toString(),
                            toInteger(rule.get("portMin"), "portMin"),
                            toInteger(rule.get("portMax"), "portMax"),
                            rule.get("remoteIpPrefix") == null
                                    ? null
                                    : rule.get("remoteIpPrefix").toString());
                })
                .toList();
    }

    private static List<Rule> missing(List<Rule> wanted, List<? extends SecurityGroupRule> existing) {
        List<? extends SecurityGroupRule> present = existing == null ? List.of() : existing;
        return wanted.stream()
                .filter(rule -> present.stream().noneMatch(rule::matches))
                .toList();
    }

    private void addRules(String projectId, String groupId, List<Rule> rules) {
        for (Rule rule : rules) {
            gateway.inProject(projectId, NETWORK, "add security group rule", SAFE, c -> {
                var builder = Builders.securityGroupRule()
                        .securityGroupId(groupId)
                        .direction(rule.direction())
                        .ethertype(
                                rule.remoteIpPrefix() != null
                                                && rule.remoteIpPrefix().contains(":")
                                        ? "IPv6"
                                        : "IPv4");
                if (rule.protocol() != null) {
                    builder = builder.protocol(rule.protocol());
                }
                if (rule.portMin() != null) {
                    builder = builder.portRangeMin(rule.portMin());
                }
                if (rule.portMax() != null) {
                    builder = builder.portRangeMax(rule.portMax());
                }
                if (rule.remoteIpPrefix() != null) {
                    builder = builder.remoteIpPrefix(rule.remoteIpPrefix());
                }
                try {
                    return c.networking().securityrule().create(builder.build());
                } catch (ResponseException e) {
                    if (e.getStatus() == 409) {
                        return null; // SecurityGroupRuleExists: an earlier attempt added it
                    }
                    throw e;
                }
            });
        }
    }
}
