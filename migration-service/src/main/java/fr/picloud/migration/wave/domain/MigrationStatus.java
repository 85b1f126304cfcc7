package fr.picloud.migration.wave.domain;

/** Where an application's move stands. */
public enum MigrationStatus {
    /** In a wave not launched yet. */
    PLANNED,
    /** Its order was requested: placed, approved, being built. */
    PROVISIONING,
    /** Its target exists: the lead may switch users over. */
    READY_FOR_CUTOVER,
    /** The lead confirmed the cutover. */
    MIGRATED,
    /** Its order was refused, rejected, cancelled or expired, or provisioning failed: see the reason. */
    FAILED
}
