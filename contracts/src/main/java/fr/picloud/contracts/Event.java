package fr.picloud.contracts;

/** A fact that happened; its key on the topic is the id of the aggregate it happened to. */
public interface Event extends Message {

    /** The id of the aggregate the event belongs to; it is the Kafka record key. */
    String aggregateId();
}
