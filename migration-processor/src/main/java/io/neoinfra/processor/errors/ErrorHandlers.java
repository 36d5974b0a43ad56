package io.neoinfra.processor.errors;

import io.neoinfra.processor.metrics.ProcessorMetrics;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of defence: the processors already route every bad record to the dead-letter topic themselves (their
 * deserializers never throw, their {@code process} catches), so these handlers only see what slipped through — a bug,
 * a record the broker refused. They log where it happened (never the value), count it, and let the application go
 * on: no record can stop a stream thread.
 */
public final class ErrorHandlers {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorHandlers.class);

  private ErrorHandlers() {}

  /** Sets the three handlers, and hands them {@code metrics}. */
  public static void configure(Properties props, ProcessorMetrics metrics) {
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, Deserialization.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, Processing.class);
    props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, Production.class);
    props.put(HandlerSupport.METRICS, metrics);
  }

  /** A record that no deserializer could read: skipped, logged, counted. */
  public static final class Deserialization implements DeserializationExceptionHandler {
    private ProcessorMetrics metrics;

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
        Exception exception) {
      LOG.error("unreadable record at {}-{}@{} skipped: {}", context.topic(), context.partition(), context.offset(),
          exception.getClass().getName());
      HandlerSupport.count(metrics, "deserialization");
      return DeserializationHandlerResponse.CONTINUE;
    }

    @Override
    public void configure(Map<String, ?> configs) {
      metrics = HandlerSupport.metrics(configs);
    }
  }

  /** An exception a processor did not catch: the record is skipped, the thread lives on. */
  public static final class Processing implements ProcessingExceptionHandler {
    private ProcessorMetrics metrics;

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
      LOG.error("processing failed in {} at {}-{}@{}; record skipped", context.processorNodeId(), context.topic(),
          context.partition(), context.offset(), exception);
      HandlerSupport.count(metrics, "processing");
      return ProcessingHandlerResponse.CONTINUE;
    }

    @Override
    public void configure(Map<String, ?> configs) {
      metrics = HandlerSupport.metrics(configs);
    }
  }

  /** An output the producer could not serialize or the broker refused (too large, say): skipped, logged, counted. */
  public static final class Production implements ProductionExceptionHandler {
    private ProcessorMetrics metrics;

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
        Exception exception) {
      LOG.error("could not write to {} (from {}-{}@{}): {}", record.topic(), context.topic(), context.partition(),
          context.offset(), exception.getClass().getName());
      HandlerSupport.count(metrics, "production");
      return ProductionExceptionHandlerResponse.CONTINUE;
    }

    @Override
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
        ProducerRecord record, Exception exception, SerializationExceptionOrigin origin) {
      LOG.error("could not serialize the {} of a record for {}: {}", origin, record.topic(), exception.toString());
      HandlerSupport.count(metrics, "serialization");
      return ProductionExceptionHandlerResponse.CONTINUE;
    }

    @Override
    public void configure(Map<String, ?> configs) {
      metrics = HandlerSupport.metrics(configs);
    }
  }
}
