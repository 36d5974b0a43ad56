package io.neoinfra.gateway.publishing;

import io.neoinfra.gateway.problems.PublishFailedException;
import io.neoinfra.schemas.validation.ContractViolationException;
import io.neoinfra.producer.publish.PublishReceipt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Waits for the broker's acknowledgement: a request answers 201/202 only once its event is durably on the topic, and
 * 503 otherwise (the caller may retry; the ids are new each time, so a retry never doubles an execution silently).
 */
@Component
public final class Publications {

  private final KafkaSettings settings;

  public Publications(KafkaSettings settings) {
    this.settings = settings;
  }

  public PublishReceipt await(CompletableFuture<PublishReceipt> sent) {
    try {
      return sent.get(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishFailedException(e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ContractViolationException violation) {
        throw violation;
      }
      throw new PublishFailedException(e.getCause());
    } catch (TimeoutException e) {
      throw new PublishFailedException(e);
    }
  }
}
