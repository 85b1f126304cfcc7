package fr.picloud.localstack;

import java.util.List;

/**
 * One thing {@code picloud up} runs: a broker, a database, the token issuer, a service. Adding one to
 * the stack is a class implementing this and a line in {@link LocalStack#standard}.
 */
public interface LocalComponent {

    /** Components of a stage start together, once every component of the stages before is up. */
    enum Stage {
        /** What the services need to start: PostgreSQL, Kafka, the token issuer, later the OpenStack emulator. */
        INFRASTRUCTURE,
        /** The PI Cloud services. */
        SERVICES
    }

    String name();

    Stage stage();

    /** Starts the component and returns once it serves requests; throws with a message a developer can act on. */
    void start() throws Exception;

    /** Stops what {@link #start} started; does nothing if it never started. */
    void stop();

    /** Whether the component answers now; usable from another process, so {@code picloud status} can ask. */
    boolean isUp();

    /** The ports {@code up} needs free before it starts anything. */
    default List<Integer> ports() {
        return List.of();
    }

    /** What a developer needs to reach the component. */
    List<Endpoint> endpoints();

    /** A labelled address, for instance {@code swagger-ui http://localhost:8081/swagger-ui.html}. */
    record Endpoint(String label, String address) {}
}
