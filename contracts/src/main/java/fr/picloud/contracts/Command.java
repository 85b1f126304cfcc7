package fr.picloud.contracts;

/** A request that one service asks another to carry out. */
public interface Command extends Message {

    /** The id of the aggregate the command targets; it is the Kafka record key. */
    String aggregateId();
}
