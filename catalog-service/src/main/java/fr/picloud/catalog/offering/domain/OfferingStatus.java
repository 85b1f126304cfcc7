package fr.picloud.catalog.offering.domain;

/** An offering's lifecycle: only PUBLISHED can be newly ordered; DEPRECATED keeps running services billable. */
public enum OfferingStatus {
    DRAFT,
    PUBLISHED,
    DEPRECATED,
    RETIRED
}
