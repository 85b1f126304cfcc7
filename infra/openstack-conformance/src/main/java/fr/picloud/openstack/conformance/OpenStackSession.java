package fr.picloud.openstack.conformance;

import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.core.transport.Config;
import org.openstack4j.model.common.Identifier;
import org.openstack4j.model.identity.v3.Token;
import org.openstack4j.openstack.OSFactory;

/**
 * One logged-in identity. openstack4j keeps "the current client" in a thread-local, so two clients
 * used on one thread silently share the last one's credentials: {@link #client()} binds this
 * session's token to the calling thread every time, which makes switching between admin and tenant
 * (and polling from another thread) safe.
 */
public final class OpenStackSession {

    private static final Config CONFIG =
            Config.newConfig().withConnectionTimeout(10_000).withReadTimeout(120_000);

    private final Token token;
    private final String region;

    private OpenStackSession(Token token, String region) {
        this.token = token;
        this.region = region;
    }

    public static OpenStackSession login(
            CloudCredentials cloud, String username, String password, String projectName, String domainName) {
        OSClientV3 client = OSFactory.builderV3()
                .endpoint(cloud.authUrl())
                .withConfig(CONFIG)
                .credentials(username, password, Identifier.byName(domainName))
                .scopeToProject(Identifier.byName(projectName), Identifier.byName(domainName))
                .authenticate();
        return new OpenStackSession(client.getToken(), cloud.region());
    }

    public static OpenStackSession loginAsAdmin(CloudCredentials cloud) {
        OSClientV3 client = OSFactory.builderV3()
                .endpoint(cloud.authUrl())
                .withConfig(CONFIG)
                .credentials(cloud.username(), cloud.password(), Identifier.byName(cloud.userDomainName()))
                .scopeToProject(Identifier.byName(cloud.projectName()), Identifier.byName(cloud.projectDomainName()))
                .authenticate();
        return new OpenStackSession(client.getToken(), cloud.region());
    }

    /** The client for this session, bound to the calling thread. */
    public OSClientV3 client() {
        OSClientV3 client = OSFactory.clientFromToken(token, CONFIG);
        return region == null ? client : client.useRegion(region);
    }

    public String projectId() {
        return token.getProject().getId();
    }

    public String userId() {
        return token.getUser().getId();
    }

    public Token token() {
        return token;
    }
}
