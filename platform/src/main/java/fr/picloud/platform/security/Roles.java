package fr.picloud.platform.security;

/** The roles a token's {@code roles} claim may hold. */
public final class Roles {

    public static final String AGENT = "agent";
    public static final String APPROVER = "approver";
    public static final String FINANCE = "finance";
    public static final String OPS = "ops";
    public static final String CATALOG_ADMIN = "catalog-admin";
    public static final String MIGRATION_LEAD = "migration-lead";
    public static final String PLATFORM_ADMIN = "platform-admin";

    /** Prefix Spring Security expects for {@code hasRole}. */
    static final String AUTHORITY_PREFIX = "ROLE_";

    private Roles() {}
}
