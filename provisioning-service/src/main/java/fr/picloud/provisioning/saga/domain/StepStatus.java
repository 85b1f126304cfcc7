package fr.picloud.provisioning.saga.domain;

/**
 * Where a step is. CREATING is recorded before the create call is sent: after a crash or a lost
 * answer, a step found CREATING looks for what the call may have made before making anything.
 */
public enum StepStatus {
    PENDING,
    CREATING,
    WAITING,
    DONE,
    FAILED,
    UNDOING,
    UNDONE,
    UNDO_FAILED;

    /** Whether the cloud may hold something of this step, which compensation must then delete. */
    public boolean mayHoldResource() {
        return this == CREATING || this == WAITING || this == DONE || this == FAILED || this == UNDOING;
    }
}
