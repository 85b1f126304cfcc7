package fr.picloud.provisioning.saga.domain;

/** What a saga does: build an order's resources, or delete those of a decommissioned order. */
public enum SagaKind {
    PROVISION,
    DECOMMISSION
}
