package fr.picloud.provisioning.saga.application;

import java.util.UUID;

/**
 * Runs each saga's next step at its time, on one instance at a time, and again on another instance
 * if the one running it dies.
 */
public interface SagaScheduling {

    /** In the caller's transaction: the saga's first run, at once. */
    void scheduleNew(UUID sagaId);

    /** Brings the saga's next run forward to now (an operator's action); false if it is running. */
    boolean runSoon(UUID sagaId);
}
