package fr.picloud.openstack.conformance;

/**
 * How to log into a cloud as an administrator: the suite creates its own projects and users with it.
 * The password is never printed: {@link #toString()} hides it.
 */
public record CloudCredentials(
        String authUrl,
        String username,
        String password,
        String projectName,
        String userDomainName,
        String projectDomainName,
        String region) {

    @Override
    public String toString() {
        return "CloudCredentials[" + username + "@" + authUrl + ", project " + projectName + "]";
    }
}
