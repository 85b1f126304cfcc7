package fr.picloud.order.ordering.application;

import java.util.Objects;
import java.util.Set;

/** Who acts on orders: the token's subject, tenant and roles. */
public record Caller(String subject, String tenant, Set<String> roles) {

    public Caller {
        Objects.requireNonNull(subject, "subject");
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
