package fr.picloud.platform.messaging;

/**
 * A message depends on an event of another topic that has not arrived yet (the two topics are read
 * independently, so the later one can overtake). Retried with the transient failures' back-off; if
 * the awaited event still has not come, the message is dead-lettered with this reason, for ops to
 * replay once it has.
 */
public class AwaitedEventMissingException extends RuntimeException {

    public AwaitedEventMissingException(String message) {
        super(message);
    }
}
