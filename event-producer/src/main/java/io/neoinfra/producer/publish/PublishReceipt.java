package io.neoinfra.producer.publish;

/** Where an event landed: its topic, partition and offset, and its CloudEvents id. */
public record PublishReceipt(String topic, int partition, long offset, String eventId, String key) {}
