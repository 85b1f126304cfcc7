package fr.picloud.migration.assessment.domain;

/** The six ways an application can go (Gartner's "6 R"). */
public enum Recommendation {
    /** Moved as it is onto cloud VMs. */
    REHOST,
    /** Moved onto cloud VMs with a supported system or managed middleware, code unchanged. */
    REPLATFORM,
    /** Needs rewriting before it can move. */
    REFACTOR,
    /** Replaced by a product or service bought in. */
    REPURCHASE,
    /** Switched off. */
    RETIRE,
    /** Stays where it is. */
    RETAIN;

    /** Whether the quick waves move it onto a catalogue offering. */
    public boolean movesNow() {
        return this == REHOST || this == REPLATFORM;
    }

    /** Whether it moves, but only after work that the quick waves do not wait for. */
    public boolean movesLater() {
        return this == REFACTOR;
    }
}
