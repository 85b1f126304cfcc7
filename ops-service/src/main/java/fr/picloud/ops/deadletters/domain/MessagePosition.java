package fr.picloud.ops.deadletters.domain;

/** Where a record sits: it names a dead-lettered message for listing, replay and audit. */
public record MessagePosition(String topic, int partition, long offset) {}
