package fr.picloud.catalog.offering.adapter.search;

import fr.picloud.catalog.offering.application.OfferingSearch.Hit;

/** What the search index holds of an offering: what a hit shows, and the descriptions it also matches on. */
record IndexedOffering(Hit hit, String descriptionFr, String descriptionEn) {}
