package fr.picloud.localstack.issuer;

import org.springframework.security.oauth2.jwt.JwtClaimsSet;

/** The PI Cloud claims of a demo account, the same in a token from the code flow and in a minted one. */
final class DemoClaims {

    static final String TENANT = "tenant";
    static final String ROLES = "roles";

    private DemoClaims() {}

    static void add(DemoAccount account, JwtClaimsSet.Builder claims) {
        claims.subject(account.name()).claim(TENANT, account.tenant()).claim(ROLES, account.roles());
    }
}
