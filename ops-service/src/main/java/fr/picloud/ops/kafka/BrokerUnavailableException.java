package fr.picloud.ops.kafka;

/** The broker did not answer in time: the ops view cannot tell what it was asked (503). */
public class BrokerUnavailableException extends RuntimeException {

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
