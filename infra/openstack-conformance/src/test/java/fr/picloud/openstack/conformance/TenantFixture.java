package fr.picloud.openstack.conformance;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openstack4j.api.Builders;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.model.compute.Server;
import org.openstack4j.model.identity.v3.Project;
import org.openstack4j.model.identity.v3.Role;
import org.openstack4j.model.identity.v3.User;
import org.openstack4j.model.network.NetFloatingIP;
import org.openstack4j.model.network.Network;
import org.openstack4j.model.network.Port;
import org.openstack4j.model.network.Router;
import org.openstack4j.model.network.SecurityGroup;
import org.openstack4j.model.network.Subnet;
import org.openstack4j.model.storage.block.Volume;
import org.openstack4j.model.storage.block.VolumeSnapshot;

/**
 * A project with one member, set up the way the provisioning saga sets up a tenant: the admin
 * creates the project and the user and gives the user the member role; the tests then act as that
 * user. Tearing down sweeps whatever a failed test left behind, then removes user and project.
 */
record TenantFixture(String projectId, String userId, String roleId, String roleName, OpenStackSession session) {

    static TenantFixture create(OpenStackSession admin, CloudCredentials cloud, String name) {
        var identity = admin.client().identity();
        Project project = identity.projects()
                .create(Builders.project()
                        .name(name)
                        .domainId("default")
                        .enabled(true)
                        .build());
        String password = UUID.randomUUID().toString();
        User user = identity.users()
                .create(Builders.user()
                        .name(name)
                        .password(password)
                        .domainId("default")
                        .defaultProjectId(project.getId())
                        .enabled(true)
                        .build());
        // "member" since Keystone Rocky; older clouds call it "_member_"
        Role role = List.of("member", "_member_").stream()
                .flatMap(roleName -> admin.client().identity().roles().getByName(roleName).stream())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the cloud has no member role"));
        admin.client().identity().roles().grantProjectUserRole(project.getId(), user.getId(), role.getId());
        OpenStackSession session = OpenStackSession.login(cloud, name, password, name, "Default");
        return new TenantFixture(project.getId(), user.getId(), role.getId(), role.getName(), session);
    }

    /** Deletes what the project still holds, in dependency order, then the user and the project. */
    void tearDown(OpenStackSession admin) {
        OSClientV3 client = session.client();
        for (Server server : client.compute().servers().list()) {
            client.compute().servers().delete(server.getId());
        }
        for (NetFloatingIP fip : client.networking().floatingip().list()) {
            client.networking().floatingip().delete(fip.getId());
        }
        for (Router router : client.networking().router().list()) {
            for (Port port : client.networking().port().list()) {
                if (router.getId().equals(port.getDeviceId())
                        && "network:router_interface".equals(port.getDeviceOwner())) {
                    client.networking().router().detachInterface(router.getId(), null, port.getId());
                }
            }
            client.networking().router().delete(router.getId());
        }
        // a volume with snapshots cannot be deleted
        for (VolumeSnapshot snapshot : client.blockStorage().snapshots().list()) {
            client.blockStorage().snapshots().delete(snapshot.getId());
        }
        for (Volume volume : client.blockStorage().volumes().list()) {
            client.blockStorage().volumes().delete(volume.getId());
        }
        for (Port port : client.networking().port().list()) {
            if (projectId.equals(port.getTenantId()) && !port.getDeviceOwner().startsWith("network:")) {
                client.networking().port().delete(port.getId());
            }
        }
        for (Network network : client.networking().network().list()) {
            if (projectId.equals(network.getTenantId())) {
                for (Subnet subnet : client.networking().subnet().list()) {
                    if (network.getId().equals(subnet.getNetworkId())) {
                        client.networking().subnet().delete(subnet.getId());
                    }
                }
                client.networking().network().delete(network.getId());
            }
        }
        for (SecurityGroup group : client.networking().securitygroup().list()) {
            if (projectId.equals(group.getTenantId()) && !"default".equals(group.getName())) {
                client.networking().securitygroup().delete(group.getId());
            }
        }
        client.compute()
                .keypairs()
                .list()
                .forEach(k -> client.compute().keypairs().delete(k.getName()));
        // Neutron makes a "default" group for every project it meets, refuses its deletion to the
        // project (409 SecurityGroupCannotRemoveDefault) and keeps it after the project is deleted:
        // only an admin can remove it, or each run would leave one behind on a real cloud
        for (SecurityGroup group : admin.client().networking().securitygroup().list(Map.of("tenant_id", projectId))) {
            if (projectId.equals(group.getTenantId())) {
                admin.client().networking().securitygroup().delete(group.getId());
            }
        }
        admin.client().identity().users().delete(userId);
        admin.client().identity().projects().delete(projectId);
    }
}
