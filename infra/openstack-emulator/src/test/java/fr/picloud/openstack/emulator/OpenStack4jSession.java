package fr.picloud.openstack.emulator;

import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.model.common.Identifier;
import org.openstack4j.model.identity.v3.Token;
import org.openstack4j.openstack.OSFactory;

/**
 * The emulator as provisioning-service drives it: through openstack4j. openstack4j keeps its current
 * client in a thread-local, so {@link #client()} binds the token again on whichever thread calls it
 * (Awaitility polls on its own thread).
 */
record OpenStack4jSession(Token token) {

    static OpenStack4jSession login(OpenStackEmulator emulator, String user, String password, String project) {
        Identifier domain = Identifier.byName("Default");
        OSClientV3 client = OSFactory.builderV3()
                .endpoint(emulator.authUrl())
                .credentials(user, password, domain)
                .scopeToProject(Identifier.byName(project), domain)
                .authenticate();
        return new OpenStack4jSession(client.getToken());
    }

    OSClientV3 client() {
        return OSFactory.clientFromToken(token);
    }

    String projectId() {
        return token.getProject().getId();
    }
}
