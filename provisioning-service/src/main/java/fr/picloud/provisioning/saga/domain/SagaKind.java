package fr.picloud.provisioning.saga.domain;

/**
 * What a saga does: build an order's resources, delete those of a decommissioned order, or carry
 * out a day-2 operation on them (resize, extend, power, snapshot).
 */
public enum SagaKind {
    PROVISION,
    DECOMMISSION,
    OPERATION
}
