package fr.picloud.localstack.issuer;

import java.util.List;
import java.util.Optional;

/** A demo user of the local issuer: who signs in, for which organisation ({@code tenant}), with which roles. */
public record DemoAccount(String name, String tenant, List<String> roles) {

    public static final List<DemoAccount> ALL = List.of(
            new DemoAccount("agent-police", "police", List.of("agent")),
            new DemoAccount("approver-police", "police", List.of("approver")),
            new DemoAccount("agent-secciv", "secciv", List.of("agent")),
            new DemoAccount("finance", "dsic", List.of("finance")),
            new DemoAccount("ops", "dsic", List.of("ops")),
            new DemoAccount("catalog-admin", "dsic", List.of("catalog-admin")),
            new DemoAccount("migration-lead", "dsic", List.of("migration-lead")),
            new DemoAccount("platform-admin", "dsic", List.of("platform-admin")));

    public static Optional<DemoAccount> named(String name) {
        return ALL.stream().filter(account -> account.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(DemoAccount::name).toList();
    }
}
