package io.neoinfra.gateway.state;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Applies the records of one topic to a local store. Never throws on bad input: the view must keep going. */
interface RecordHandler {

  String topic();

  void apply(ConsumerRecord<String, byte[]> record);
}
