package fr.picloud.provisioning.saga.domain;

/** What a tenant's OpenStack project may hold, from the tenant's quota in order-service. */
public record ProjectQuota(int vcpus, int ramGb, int volumeGb, int instances, int floatingIps) {}
