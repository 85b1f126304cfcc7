package fr.picloud.contracts.offering;

import fr.picloud.contracts.Event;

/** Every change of an offering, each carrying the offering's full state after the change. */
public sealed interface OfferingEvent extends Event
        permits OfferingPublished, OfferingUpdated, OfferingPriceChanged, OfferingDeprecated, OfferingRetired {

    OfferingState offering();

    @Override
    default String aggregateId() {
        return offering().offeringId().toString();
    }
}
