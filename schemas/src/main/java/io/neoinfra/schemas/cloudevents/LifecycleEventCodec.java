package io.neoinfra.schemas.cloudevents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import io.neoinfra.schemas.events.EventType;
import io.neoinfra.schemas.events.LifecycleEvent;
import io.neoinfra.schemas.serde.ContractCodec;
import io.neoinfra.schemas.serde.DecodeFailure;
import io.neoinfra.schemas.serde.Decoded;
import io.neoinfra.schemas.validation.Contract;
import io.neoinfra.schemas.validation.ContractValidator;
import io.neoinfra.schemas.validation.ContractViolationException;
import io.neoinfra.schemas.validation.FieldError;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Lifecycle events as CloudEvents 1.0 in Kafka binary mode ({@code ce_*} headers, {@code content-type:
 * application/json}, JSON body), through the CloudEvents Kafka binding. Encoding refuses an invalid event with every
 * field error; decoding never throws and says why a record is unusable.
 */
public final class LifecycleEventCodec {

  public static final String CONTENT_TYPE = "application/json";

  private final ObjectMapper mapper;
  private final ContractValidator validator;
  private final Clock clock;
  private final Supplier<String> ids;

  public LifecycleEventCodec(ObjectMapper mapper, ContractValidator validator) {
    this(mapper, validator, Clock.systemUTC(), () -> UUID.randomUUID().toString());
  }

  public LifecycleEventCodec(ObjectMapper mapper, ContractValidator validator, Clock clock, Supplier<String> ids) {
    this.mapper = Objects.requireNonNull(mapper);
    this.validator = Objects.requireNonNull(validator);
    this.clock = Objects.requireNonNull(clock);
    this.ids = Objects.requireNonNull(ids);
  }

  /** Every broken rule of {@code event}'s schema; empty when it may be published. */
  public List<FieldError> validate(LifecycleEvent event) {
    return validator.validate(Contract.of(event.type()), mapper.valueToTree(event));
  }

  /**
   * A ready-to-send record keyed by {@link LifecycleEvent#key()}.
   *
   * @throws ContractViolationException with every field error if the event breaks its schema
   */
  public ProducerRecord<String, byte[]> encode(String topic, LifecycleEvent event, URI source) {
    Objects.requireNonNull(event, "event");
    JsonNode tree = mapper.valueToTree(event);
    List<FieldError> errors = validator.validate(Contract.of(event.type()), tree);
    if (!errors.isEmpty()) {
      throw new ContractViolationException(event.type().ceType(), errors);
    }
    CloudEvent cloudEvent = CloudEventBuilder.v1()
        .withId(ids.get())
        .withType(event.type().ceType())
        .withSource(source)
        .withTime(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
        .withDataContentType(CONTENT_TYPE)
        .withData(bytes(tree))
        .build();
    return KafkaMessageFactory.<String>createWriter(topic, null, event.key()).writeBinary(cloudEvent);
  }

  public Decoded<LifecycleEnvelope> decode(Headers headers, byte[] payload) {
    if (payload != null && payload.length > ContractCodec.MAX_PAYLOAD_BYTES) {
      return invalid(DecodeFailure.PAYLOAD_TOO_LARGE,
          "payload of " + payload.length + " bytes exceeds " + ContractCodec.MAX_PAYLOAD_BYTES);
    }
    CloudEvent event;
    try {
      event = KafkaMessageFactory.createReader(headers, payload).toEvent();
    } catch (CloudEventRWException | IllegalStateException | IllegalArgumentException e) {
      return invalid(DecodeFailure.MISSING_CLOUDEVENTS_HEADERS,
          "not a CloudEvents 1.0 binary-mode record: " + e.getMessage());
    }
    EventType type = EventType.fromCeType(event.getType()).orElse(null);
    if (type == null) {
      return invalid(DecodeFailure.UNKNOWN_EVENT_TYPE, "unknown ce_type " + truncate(event.getType()));
    }
    String contentType = event.getDataContentType();
    if (contentType != null && !contentType.startsWith(CONTENT_TYPE)) {
      return invalid(DecodeFailure.UNSUPPORTED_CONTENT_TYPE, "content-type must be " + CONTENT_TYPE + ", is " + truncate(contentType));
    }
    byte[] data = event.getData() == null ? null : event.getData().toBytes();
    Decoded<? extends LifecycleEvent> body =
        new ContractCodec<>(type.recordType(), Contract.of(type), mapper, validator, false).read(data);
    if (body instanceof Decoded.Invalid<? extends LifecycleEvent> bad) {
      return new Decoded.Invalid<>(bad.reason(), type.ceType() + ": " + bad.message(), bad.errors());
    }
    LifecycleEvent value = ((Decoded.Valid<? extends LifecycleEvent>) body).value();
    return new Decoded.Valid<>(new LifecycleEnvelope(event.getId(), type, event.getSource(), event.getTime(), value));
  }

  private byte[] bytes(JsonNode tree) {
    try {
      return mapper.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write event JSON", e);
    }
  }

  private static Decoded<LifecycleEnvelope> invalid(DecodeFailure reason, String message) {
    return new Decoded.Invalid<>(reason, message, List.of());
  }

  private static String truncate(String value) {
    return value == null ? "null" : value.length() <= 120 ? value : value.substring(0, 120) + "…";
  }
}
