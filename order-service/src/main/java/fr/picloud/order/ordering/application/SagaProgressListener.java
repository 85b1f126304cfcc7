package fr.picloud.order.ordering.application;

import fr.picloud.order.ordering.domain.SagaProgress;

/** Told of each committed change of a saga's progress (the live feeds of the portal). */
public interface SagaProgressListener {

    void progressed(SagaProgress progress);
}
