package io.neoinfra.schemas.cloudevents;

import io.neoinfra.schemas.serde.DecodeFailure;
import io.neoinfra.schemas.serde.Decoded;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A Kafka deserializer (also usable in Kafka Streams, which passes headers) that never throws: a bad record becomes a
 * {@link Decoded.Invalid} that the caller routes to the dead-letter topic.
 */
public final class LifecycleEnvelopeDeserializer implements Deserializer<Decoded<LifecycleEnvelope>> {

  private final LifecycleEventCodec codec;

  public LifecycleEnvelopeDeserializer(LifecycleEventCodec codec) {
    this.codec = codec;
  }

  @Override
  public Decoded<LifecycleEnvelope> deserialize(String topic, byte[] data) {
    return new Decoded.Invalid<>(DecodeFailure.MISSING_CLOUDEVENTS_HEADERS, "record has no headers", List.of());
  }

  @Override
  public Decoded<LifecycleEnvelope> deserialize(String topic, Headers headers, byte[] data) {
    return codec.decode(headers, data);
  }
}
