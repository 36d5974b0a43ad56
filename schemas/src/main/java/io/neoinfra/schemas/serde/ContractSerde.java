package io.neoinfra.schemas.serde;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serde over a {@link ContractCodec}. Its deserializer throws {@link InvalidRecordException} on bad input, so
 * that Kafka Streams' deserialization handler (or the caller) decides what to do with it; plain consumers that must
 * not stop should read bytes and call {@link ContractCodec#read(byte[])} instead.
 */
public final class ContractSerde<T> implements Serde<T> {

  private final ContractCodec<T> codec;

  public ContractSerde(ContractCodec<T> codec) {
    this.codec = codec;
  }

  public ContractCodec<T> codec() {
    return codec;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> value == null ? null : codec.write(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, data) -> data == null ? null : codec.read(data).orThrow();
  }
}
