package fr.picloud.provisioning.saga.domain;

/** Where a saga is. The last three are final. */
public enum SagaStatus {
    /** building (or, for a decommission, deleting) */
    RUNNING,
    /** undoing, in reverse order, what a failed provisioning built */
    COMPENSATING,
    /** every resource built (provision) or deleted (decommission) */
    COMPLETED,
    /** a failed provisioning left nothing behind */
    COMPENSATED,
    /** resources are left that could not be deleted: listed on the saga, an alert was published */
    COMPENSATION_FAILED;

    public boolean isFinal() {
        return this == COMPLETED || this == COMPENSATED || this == COMPENSATION_FAILED;
    }
}
