package fr.picloud.openstack.emulator.network;

import java.time.Instant;
import java.util.List;

/** Neutron's resources, immutable; a change replaces the record in its map. */
public final class NetworkRecords {

    private NetworkRecords() {}

    /** The standard attributes every Neutron resource carries (name, owner, tags, timestamps, revision). */
    public record Standard(
            String id,
            String projectId,
            String name,
            String description,
            List<String> tags,
            Instant createdAt,
            Instant updatedAt,
            int revision) {

        Standard withTags(List<String> newTags, Instant now) {
            return new Standard(id, projectId, name, description, List.copyOf(newTags), createdAt, now, revision + 1);
        }

        Standard renamed(String newName, String newDescription, Instant now) {
            return new Standard(id, projectId, newName, newDescription, tags, createdAt, now, revision + 1);
        }

        Standard touched(Instant now) {
            return new Standard(id, projectId, name, description, tags, createdAt, now, revision + 1);
        }
    }

    /** Anything with standard attributes, so tags and renames are written once for every kind. */
    public interface Resource<T extends Resource<T>> {
        Standard standard();

        T withStandard(Standard standard);

        default String id() {
            return standard().id();
        }

        default String projectId() {
            return standard().projectId();
        }

        default String name() {
            return standard().name();
        }
    }

    public record Network(Standard standard, boolean adminStateUp, boolean shared, boolean external, int mtu)
            implements Resource<Network> {
        @Override
        public Network withStandard(Standard s) {
            return new Network(s, adminStateUp, shared, external, mtu);
        }

        Network withFlags(boolean newAdminStateUp, boolean newShared, boolean newExternal) {
            return new Network(standard, newAdminStateUp, newShared, newExternal, mtu);
        }
    }

    public record AllocationPool(String start, String end) {}

    public record Subnet(
            Standard standard,
            String networkId,
            int ipVersion,
            String cidr,
            String gatewayIp,
            List<AllocationPool> allocationPools,
            boolean enableDhcp,
            List<String> dnsNameservers)
            implements Resource<Subnet> {
        @Override
        public Subnet withStandard(Standard s) {
            return new Subnet(s, networkId, ipVersion, cidr, gatewayIp, allocationPools, enableDhcp, dnsNameservers);
        }

        Subnet withSettings(String newGatewayIp, boolean newEnableDhcp, List<String> newDnsNameservers) {
            return new Subnet(
                    standard,
                    networkId,
                    ipVersion,
                    cidr,
                    newGatewayIp,
                    allocationPools,
                    newEnableDhcp,
                    newDnsNameservers);
        }
    }

    public record FixedIp(String subnetId, String ipAddress) {}

    public record Port(
            Standard standard,
            String networkId,
            String macAddress,
            List<FixedIp> fixedIps,
            String deviceId,
            String deviceOwner,
            List<String> securityGroupIds,
            boolean adminStateUp)
            implements Resource<Port> {
        @Override
        public Port withStandard(Standard s) {
            return new Port(s, networkId, macAddress, fixedIps, deviceId, deviceOwner, securityGroupIds, adminStateUp);
        }

        public Port boundTo(String newDeviceId, String newDeviceOwner) {
            return new Port(
                    standard,
                    networkId,
                    macAddress,
                    fixedIps,
                    newDeviceId,
                    newDeviceOwner,
                    securityGroupIds,
                    adminStateUp);
        }

        Port withSecurityGroups(List<String> ids) {
            return new Port(
                    standard, networkId, macAddress, fixedIps, deviceId, deviceOwner, List.copyOf(ids), adminStateUp);
        }

        /** Neutron reports a port ACTIVE once something (a server, a router) is plugged into it. */
        public String status() {
            return deviceOwner.isEmpty() ? "DOWN" : "ACTIVE";
        }
    }

    public record Router(
            Standard standard,
            String gatewayNetworkId,
            List<FixedIp> gatewayIps,
            boolean enableSnat,
            boolean adminStateUp)
            implements Resource<Router> {
        @Override
        public Router withStandard(Standard s) {
            return new Router(s, gatewayNetworkId, gatewayIps, enableSnat, adminStateUp);
        }

        Router withGateway(String networkId, List<FixedIp> ips, boolean snat) {
            return new Router(standard, networkId, List.copyOf(ips), snat, adminStateUp);
        }
    }

    public record SecurityGroup(Standard standard, boolean stateful) implements Resource<SecurityGroup> {
        @Override
        public SecurityGroup withStandard(Standard s) {
            return new SecurityGroup(s, stateful);
        }

        boolean isDefault() {
            return "default".equals(standard.name());
        }
    }

    public record SecurityGroupRule(
            Standard standard,
            String securityGroupId,
            String direction,
            String ethertype,
            String protocol,
            Integer portRangeMin,
            Integer portRangeMax,
            String remoteIpPrefix,
            String remoteGroupId)
            implements Resource<SecurityGroupRule> {
        @Override
        public SecurityGroupRule withStandard(Standard s) {
            return new SecurityGroupRule(
                    s,
                    securityGroupId,
                    direction,
                    ethertype,
                    protocol,
                    portRangeMin,
                    portRangeMax,
                    remoteIpPrefix,
                    remoteGroupId);
        }

        /** Two rules are duplicates when everything but id, description and timestamps match. */
        boolean sameAs(SecurityGroupRule other) {
            return securityGroupId.equals(other.securityGroupId)
                    && direction.equals(other.direction)
                    && ethertype.equals(other.ethertype)
                    && java.util.Objects.equals(protocol, other.protocol)
                    && java.util.Objects.equals(portRangeMin, other.portRangeMin)
                    && java.util.Objects.equals(portRangeMax, other.portRangeMax)
                    && java.util.Objects.equals(remoteIpPrefix, other.remoteIpPrefix)
                    && java.util.Objects.equals(remoteGroupId, other.remoteGroupId);
        }
    }

    public record FloatingIp(
            Standard standard,
            String floatingNetworkId,
            String floatingIpAddress,
            String portId,
            String fixedIpAddress,
            String routerId)
            implements Resource<FloatingIp> {
        @Override
        public FloatingIp withStandard(Standard s) {
            return new FloatingIp(s, floatingNetworkId, floatingIpAddress, portId, fixedIpAddress, routerId);
        }

        FloatingIp associated(String newPortId, String newFixedIp, String newRouterId) {
            return new FloatingIp(standard, floatingNetworkId, floatingIpAddress, newPortId, newFixedIp, newRouterId);
        }

        String status() {
            return portId == null ? "DOWN" : "ACTIVE";
        }
    }
}
