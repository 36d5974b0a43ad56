package io.neoinfra.deploycheck;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/**
 * Validates a manifest against the Kubernetes API schema with the official Java client's models (generated from the
 * API's OpenAPI document, Kubernetes 1.32 for client 24): deserialising through them rejects fields the API does not
 * define and required fields that are missing, and their type adapters reject values of the wrong type.
 */
final class KubernetesSchema {

  /** The (apiVersion, kind) pairs this project uses and the model class of each; a new kind is added here. */
  private static final Map<String, String> MODELS = Map.ofEntries(
      Map.entry("v1/Namespace", "V1Namespace"),
      Map.entry("v1/ConfigMap", "V1ConfigMap"),
      Map.entry("v1/Secret", "V1Secret"),
      Map.entry("v1/Service", "V1Service"),
      Map.entry("v1/ServiceAccount", "V1ServiceAccount"),
      Map.entry("apps/v1/Deployment", "V1Deployment"),
      Map.entry("apps/v1/StatefulSet", "V1StatefulSet"),
      Map.entry("batch/v1/Job", "V1Job"),
      Map.entry("policy/v1/PodDisruptionBudget", "V1PodDisruptionBudget"),
      Map.entry("autoscaling/v2/HorizontalPodAutoscaler", "V2HorizontalPodAutoscaler"));

  private KubernetesSchema() {}

  /** @throws InvalidManifest naming the problem */
  static void validate(JsonNode manifest) {
    String key = manifest.path("apiVersion").asText() + "/" + manifest.path("kind").asText();
    String model = MODELS.get(key);
    if (model == null) {
      throw new InvalidManifest("no schema known for " + key + " (add its model to KubernetesSchema.MODELS)");
    }
    try {
      Class<?> type = Class.forName("io.kubernetes.client.openapi.models." + model);
      type.getMethod("fromJson", String.class).invoke(null, Repo.JSON.writeValueAsString(manifest));
    } catch (InvocationTargetException e) {
      throw new InvalidManifest(key + ": " + e.getCause().getMessage());
    } catch (ReflectiveOperationException | JsonProcessingException e) {
      throw new IllegalStateException("cannot use the model of " + key, e);
    }
  }

  static final class InvalidManifest extends RuntimeException {
    InvalidManifest(String message) {
      super(message);
    }
  }
}
