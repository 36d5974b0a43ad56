package io.neoinfra.producer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neoinfra.schemas.redaction.RedactionPolicy;
import io.neoinfra.schemas.cloudevents.LifecycleEnvelope;
import io.neoinfra.schemas.cloudevents.LifecycleEventCodec;
import io.neoinfra.schemas.serde.Decoded;
import io.neoinfra.schemas.serde.NeoJson;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.schemas.validation.ContractValidator;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neo-events tail}: follows topics without joining a consumer group (it never moves anyone's offsets), decodes
 * each CloudEvent and prints one JSON line per record; a record that is not a valid event is printed with its reason.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = "Follow lifecycle topics and print each event as a JSON line.")
final class TailCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin KafkaConnectionOptions kafka = new KafkaConnectionOptions();

  @Option(names = "--topic", paramLabel = "TOPIC",
      description = "Topic to follow (repeatable; default: the four lifecycle topics).")
  List<String> topics = new ArrayList<>();

  @Option(names = "--from-beginning", description = "Start at the earliest offset instead of the end.")
  boolean fromBeginning;

  @Option(names = "--max-messages", defaultValue = "-1", description = "Stop after this many records (default: follow).")
  long maxMessages;

  @Option(names = "--timeout-ms", defaultValue = "-1",
      description = "Stop when no record arrived for this long (default: never).")
  long timeoutMs;

  @Override
  public Integer call() throws Exception {
    List<String> followed = topics.isEmpty() ? new Topics(kafka.topicPrefix).lifecycleAll() : topics;
    ObjectMapper mapper = NeoJson.newMapper();
    LifecycleEventCodec codec = new LifecycleEventCodec(mapper, new ContractValidator());
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    long seen = 0;
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : followed) {
        for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
          partitions.add(new TopicPartition(topic, info.partition()));
        }
      }
      consumer.assign(partitions);
      if (fromBeginning) {
        consumer.seekToBeginning(partitions);
      } else {
        consumer.seekToEnd(partitions);
      }
      Instant lastRecord = Instant.now();
      while (maxMessages < 0 || seen < maxMessages) {
        var records = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<String, byte[]> record : records) {
          out.println(mapper.writeValueAsString(RedactionPolicy.standard().redactJson(line(mapper, codec, record))));
          out.flush();
          lastRecord = Instant.now();
          if (++seen == maxMessages) {
            break;
          }
        }
        if (timeoutMs >= 0 && Duration.between(lastRecord, Instant.now()).toMillis() > timeoutMs) {
          break;
        }
      }
    }
    return 0;
  }

  private static ObjectNode line(ObjectMapper mapper, LifecycleEventCodec codec, ConsumerRecord<String, byte[]> record) {
    ObjectNode line = mapper.createObjectNode();
    line.put("topic", record.topic());
    line.put("partition", record.partition());
    line.put("offset", record.offset());
    line.put("key", record.key());
    Decoded<LifecycleEnvelope> decoded = codec.decode(record.headers(), record.value());
    if (decoded instanceof Decoded.Valid<LifecycleEnvelope> valid) {
      LifecycleEnvelope envelope = valid.value();
      line.put("id", envelope.id());
      line.put("type", envelope.type().ceType());
      line.put("source", envelope.source().toString());
      line.put("time", envelope.time() == null ? null : envelope.time().toString());
      line.set("data", mapper.valueToTree(envelope.event()));
    } else {
      Decoded.Invalid<LifecycleEnvelope> invalid = (Decoded.Invalid<LifecycleEnvelope>) decoded;
      line.put("invalid", invalid.reason().id());
      line.put("reason", invalid.message());
      line.set("errors", mapper.valueToTree(invalid.errors()));
    }
    return line;
  }
}
