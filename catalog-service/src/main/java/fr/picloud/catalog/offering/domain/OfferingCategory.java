package fr.picloud.catalog.offering.domain;

/** What kind of service an offering is; the portal's first facet. */
public enum OfferingCategory {
    COMPUTE,
    STORAGE,
    NETWORK,
    DATABASE,
    CONTAINER,
    APPLICATION_STACK
}
