package fr.picloud.provisioning.saga.domain;

/** Whether a created resource is ready for what depends on it. */
public sealed interface Readiness {

    /** Ready, with what the cloud now says of it (a server's port, a floating IP's address...). */
    record Ready(CloudResource resource) implements Readiness {}

    /** Still being built: ask again later. */
    record Pending(String status) implements Readiness {}

    /** It will never be ready (a server in ERROR, a volume in error): the step fails. */
    record Failed(String reason) implements Readiness {}
}
