package fr.picloud.localstack.postgres;

/**
 * The JDBC URL of one database and the credentials, as Spring's datasource properties want them.
 * {@code urlPrefix} ends where the database name goes; {@code urlSuffix} holds the remaining
 * connection parameters (without the credentials), empty or starting with {@code ?}.
 */
public record DatabaseAccess(String urlPrefix, String urlSuffix, String username, String password) {

    public String url(String database) {
        return urlPrefix + database + urlSuffix;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "DatabaseAccess[" + url("<database>") + ", user " + username + "]";
    }
}
