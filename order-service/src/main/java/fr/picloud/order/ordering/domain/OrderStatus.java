package fr.picloud.order.ordering.domain;

/** Where an order is in its life. */
public enum OrderStatus {
    PENDING_APPROVAL,
    APPROVED,
    PROVISIONING,
    COMPLETED,
    FAILED,
    REJECTED,
    CANCELLED,
    DECOMMISSIONING,
    DECOMMISSIONED
}
