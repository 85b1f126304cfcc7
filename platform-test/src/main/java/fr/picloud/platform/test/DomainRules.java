package fr.picloud.platform.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/** Architecture rules every service checks with ArchUnit. */
public final class DomainRules {

    private DomainRules() {}

    /** Code in a {@code ..domain..} package is plain Java: no Spring, no JPA, no Kafka, no Jackson. */
    public static ArchRule domainImportsNoFrameworks() {
        return noClasses()
                .that()
                .resideInAPackage("..domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "jakarta.persistence..",
                        "org.hibernate..",
                        "org.apache.kafka..",
                        "tools.jackson..",
                        "com.fasterxml.jackson..")
                .as("domain code imports no Spring, JPA, Kafka or Jackson")
                // a service whose domain is still to be written passes, and is checked from its first class
                .allowEmptyShould(true);
    }
}
