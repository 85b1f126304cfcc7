package fr.picloud.provisioning.cloud.adapter.openstack;

import fr.picloud.provisioning.saga.domain.CloudException;
import org.openstack4j.api.exceptions.ConnectionException;
import org.openstack4j.api.exceptions.ResponseException;

/**
 * A failed OpenStack call, with what decides retries and the circuit breaker: the HTTP status (0: no
 * answer at all) and whether the failure says the service is unwell (5xx, 429, no answer) rather
 * than the request being wrong.
 */
final class OpenStackFailure extends CloudException {

    private final int status;
    private final boolean serviceUnwell;

    OpenStackFailure(boolean retryable, boolean serviceUnwell, int status, String message, Throwable cause) {
        super(retryable, message, cause);
        this.status = status;
        this.serviceUnwell = serviceUnwell;
    }

    /**
     * Refused here without reaching OpenStack (circuit open, bulkhead full): the saga may try again
     * later, but retrying at once would only be refused again.
     */
    static OpenStackFailure refusedLocally(String message, Throwable cause) {
        return new OpenStackFailure(true, false, REFUSED_LOCALLY, message, cause);
    }

    static final int REFUSED_LOCALLY = -1;

    /** Worth an immediate retry with backoff (not refused locally). */
    boolean retryNow() {
        return retryable() && status != REFUSED_LOCALLY;
    }

    int status() {
        return status;
    }

    /** Counts against the service's circuit breaker. */
    boolean serviceUnwell() {
        return serviceUnwell;
    }

    /**
     * Maps what openstack4j raised. {@code conflictMeansBusy}: for this call a 409 means the resource
     * is still changing state (a network whose ports are going, a volume being detached), so it is
     * worth trying again; otherwise a 409 is a real conflict.
     */
    static OpenStackFailure of(
            OpenStackService service, String call, RuntimeException error, boolean conflictMeansBusy) {
        if (error instanceof OpenStackFailure failure) {
            return failure;
        }
        if (error instanceof ConnectionException answered
                && (answered.getStatus() > 0 || "Unauthorized".equals(answered.getMessage()))) {
            // openstack4j raises a 401 it could not re-authenticate past (the token of a project that is
            // gone) as a "connection" failure with no status: it is an answer about one tenant's project,
            // not a service that does not answer, and must not open the circuit breaker all tenants share
            int status = answered.getStatus() > 0 ? answered.getStatus() : 401;
            return ofStatus(service, call, status, answered.getMessage(), conflictMeansBusy, error);
        }
        if (error instanceof ConnectionException) {
            return new OpenStackFailure(
                    true, true, 0, describe(service, call, "no answer (" + error.getMessage() + ")"), error);
        }
        if (error instanceof ResponseException response) {
            return ofStatus(service, call, response.getStatus(), response.getMessage(), conflictMeansBusy, error);
        }
        // openstack4j could not read the answer, or the answer lacked what the API documents
        return new OpenStackFailure(
                false,
                false,
                0,
                describe(
                        service,
                        call,
                        "unexpected answer (" + error.getClass().getSimpleName() + ": " + error.getMessage() + ")"),
                error);
    }

    static OpenStackFailure ofStatus(
            OpenStackService service,
            String call,
            int status,
            String message,
            boolean conflictMeansBusy,
            Throwable cause) {
        boolean unwell = status >= 500 || status == 429 || status == 408 || status == 0;
        boolean retryable = unwell || status == 401 || (status == 409 && conflictMeansBusy);
        return new OpenStackFailure(
                retryable,
                unwell,
                status,
                describe(
                        service, call, "HTTP " + status + (message == null || message.isBlank() ? "" : ": " + message)),
                cause);
    }

    private static String describe(OpenStackService service, String call, String what) {
        return "OpenStack " + service.type() + " call '" + call + "' failed: " + what;
    }
}
