package fr.picloud.contracts;

/**
 * Anything one service sends another. Its wire name comes from {@link MessageType}, never from the
 * Java class name, so moving or renaming a record does not break a consumer.
 */
public interface Message {}
