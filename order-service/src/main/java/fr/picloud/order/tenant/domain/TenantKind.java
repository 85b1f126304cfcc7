package fr.picloud.order.tenant.domain;

/** A ministry stands alone; a directorate belongs to a ministry. */
public enum TenantKind {
    MINISTRY,
    DIRECTORATE
}
