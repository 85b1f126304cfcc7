package fr.picloud.billing.chargeback.application;

/**
 * A fact about a tenant's usage or budget was recorded: its projection is checked against its
 * budget once that is committed, apart from the metering, so a failing check never holds back an
 * event.
 */
public record TenantUsageChanged(String tenant) {}
