package fr.picloud.platform.messaging;

import fr.picloud.contracts.EventEnvelope;
import fr.picloud.contracts.Message;

/** A consumed event whose envelope and payload were read and whose type is known to this build. */
public record ReceivedEvent(EventEnvelope envelope, Message payload) {}
