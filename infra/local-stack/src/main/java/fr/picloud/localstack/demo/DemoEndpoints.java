package fr.picloud.localstack.demo;

import java.net.URI;

/** Where the demo finds each part of a running platform. */
public record DemoEndpoints(
        URI issuer, URI catalog, URI orders, URI provisioning, URI billing, URI migration, URI emulator) {

    /** The standard local stack ({@code ./picloud up}). */
    public static DemoEndpoints localStack() {
        return new DemoEndpoints(
                URI.create("http://localhost:9000"),
                URI.create("http://localhost:8081"),
                URI.create("http://localhost:8082"),
                URI.create("http://localhost:8083"),
                URI.create("http://localhost:8084"),
                URI.create("http://localhost:8085"),
                URI.create("http://127.0.0.1:5050"));
    }
}
