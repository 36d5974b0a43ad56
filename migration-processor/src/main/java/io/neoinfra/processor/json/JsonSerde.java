package io.neoinfra.processor.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON for the processor's own state and command records, which no other module reads and so have no JSON Schema.
 * They are written only by this processor; a record it cannot read is a bug, so reading throws.
 */
public final class JsonSerde<T> implements Serde<T> {

  private final ObjectMapper mapper;
  private final Class<T> type;

  public JsonSerde(ObjectMapper mapper, Class<T> type) {
    this.mapper = mapper;
    this.type = type;
  }

  public byte[] write(T value) {
    try {
      return value == null ? null : mapper.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new SerializationException("cannot write " + type.getSimpleName(), e);
    }
  }

  public T read(byte[] data) {
    try {
      return data == null ? null : mapper.readValue(data, type);
    } catch (IOException e) {
      throw new SerializationException("cannot read " + type.getSimpleName(), e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> write(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, data) -> read(data);
  }
}
