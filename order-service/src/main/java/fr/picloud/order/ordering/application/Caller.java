package fr.picloud.order.ordering.application;

import java.util.Objects;
import java.util.Set;

/**
 * Who acts on orders: the token's subject, tenant and roles; or a service acting on a person's
 * behalf, when {@code onBehalfBy} names it (the subject is then the person it acts for).
 */
public record Caller(String subject, String tenant, Set<String> roles, String onBehalfBy) {

    public Caller {
        Objects.requireNonNull(subject, "subject");
        roles = Set.copyOf(roles);
    }

    /** A person acting for themselves (the portal). */
    public Caller(String subject, String tenant, Set<String> roles) {
        this(subject, tenant, roles, null);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
