package io.neoinfra.schemas.kafka;

import io.neoinfra.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The least each service needs on a cluster whose authorizer refuses what no ACL allows, as docs/kafka-security.md
 * lists it: what the ACL tests grant, and what an operator can create with {@code Admin.createAcls}.
 *
 * @param topics the platform's topic names (its prefix)
 * @param processorApplicationId the processor's Kafka Streams application id: its group, transactional ids and internal
 *     topics all start with it
 * @param workerGroup the workers' consumer group
 * @param gatewayClientId the gateway's {@code neo.gateway.kafka.client-id}: its dead-letter replays use transactional
 *     ids {@code <client id>-dlt-replay-<uuid>}
 */
public record PlatformAcls(Topics topics, String processorApplicationId, String workerGroup, String gatewayClientId) {

  /** The ACLs of a platform whose gateway has the default client id {@code rest-gateway}. */
  public PlatformAcls(Topics topics, String processorApplicationId, String workerGroup) {
    this(topics, processorApplicationId, workerGroup, "rest-gateway");
  }

  /**
   * The processor: Kafka Streams with exactly_once_v2 and the topic setup. Every platform topic (it creates them and
   * reads or writes each), its own internal topics, its group and its transactional ids.
   */
  public List<AclBinding> processor(String principal) {
    List<AclBinding> acls = new ArrayList<>();
    ResourcePattern platformTopics = prefixed(ResourceType.TOPIC, topics.prefix());
    for (AclOperation operation : List.of(AclOperation.CREATE, AclOperation.DESCRIBE, AclOperation.READ,
        AclOperation.WRITE)) {
      acls.add(allow(platformTopics, principal, operation));
    }
    // Changelog and repartition topics: created, checked (configs), read, written and purged by Kafka Streams.
    acls.add(allow(prefixed(ResourceType.TOPIC, processorApplicationId), principal, AclOperation.ALL));
    acls.add(allow(prefixed(ResourceType.GROUP, processorApplicationId), principal, AclOperation.READ));
    acls.add(allow(prefixed(ResourceType.TRANSACTIONAL_ID, processorApplicationId), principal, AclOperation.WRITE));
    acls.add(allow(prefixed(ResourceType.TRANSACTIONAL_ID, processorApplicationId), principal,
        AclOperation.DESCRIBE));
    return acls;
  }

  /**
   * The worker: reads the task topics in its group, writes results on an idempotent producer, and answers live health
   * requests in the group {@code <worker group>-health} (the default of {@code NEO_WORKER_HEALTH_GROUP_ID}).
   */
  public List<AclBinding> worker(String principal) {
    List<AclBinding> acls = new ArrayList<>();
    ResourcePattern tasks = prefixed(ResourceType.TOPIC, topics.prefix() + "migration.tasks.");
    acls.add(allow(tasks, principal, AclOperation.READ));
    acls.add(allow(tasks, principal, AclOperation.DESCRIBE));
    ResourcePattern results = literal(ResourceType.TOPIC, topics.results());
    acls.add(allow(results, principal, AclOperation.WRITE));
    acls.add(allow(results, principal, AclOperation.DESCRIBE));
    acls.add(allow(literal(ResourceType.GROUP, workerGroup), principal, AclOperation.READ));
    // Live connection checks: read the requests in a group of their own, answer on the results topic.
    ResourcePattern healthRequests = literal(ResourceType.TOPIC, topics.healthRequests());
    acls.add(allow(healthRequests, principal, AclOperation.READ));
    acls.add(allow(healthRequests, principal, AclOperation.DESCRIBE));
    ResourcePattern healthResults = literal(ResourceType.TOPIC, topics.healthResults());
    acls.add(allow(healthResults, principal, AclOperation.WRITE));
    acls.add(allow(healthResults, principal, AclOperation.DESCRIBE));
    acls.add(allow(literal(ResourceType.GROUP, workerGroup + "-health"), principal, AclOperation.READ));
    return acls;
  }

  /**
   * The gateway: publishes lifecycle events (idempotent producer) and live health requests, reads the state topics,
   * dead letters and health answers without a group, replays dead letters in transactions with a replay log, and samples the consumer lag of the processor and
   * the workers (offsets of their groups, end offsets of every platform topic).
   */
  public List<AclBinding> gateway(String principal) {
    List<AclBinding> acls = new ArrayList<>();
    acls.add(allow(prefixed(ResourceType.TOPIC, topics.prefix() + "lifecycle."), principal, AclOperation.WRITE));
    acls.add(allow(prefixed(ResourceType.TOPIC, topics.prefix()), principal, AclOperation.DESCRIBE));
    acls.add(allow(literal(ResourceType.TOPIC, topics.healthRequests()), principal, AclOperation.WRITE));
    for (String topic : List.of(topics.executions(), topics.databases(), topics.tenants(), topics.deadLetters(),
        topics.healthResults())) {
      acls.add(allow(literal(ResourceType.TOPIC, topic), principal, AclOperation.READ));
    }
    ResourcePattern replayLog = literal(ResourceType.TOPIC, topics.deadLetters() + ".replays");
    for (AclOperation operation : List.of(AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE)) {
      acls.add(allow(replayLog, principal, operation));
    }
    ResourcePattern replays = prefixed(ResourceType.TRANSACTIONAL_ID, gatewayClientId + "-dlt-replay-");
    acls.add(allow(replays, principal, AclOperation.WRITE));
    acls.add(allow(replays, principal, AclOperation.DESCRIBE));
    acls.add(allow(literal(ResourceType.GROUP, workerGroup), principal, AclOperation.DESCRIBE));
    acls.add(allow(literal(ResourceType.GROUP, processorApplicationId), principal, AclOperation.DESCRIBE));
    return acls;
  }

  /** A service that only publishes lifecycle events with the library or {@code ./neo events publish}. */
  public List<AclBinding> publisher(String principal) {
    ResourcePattern lifecycle = prefixed(ResourceType.TOPIC, topics.prefix() + "lifecycle.");
    return List.of(allow(lifecycle, principal, AclOperation.WRITE), allow(lifecycle, principal,
        AclOperation.DESCRIBE));
  }

  private static ResourcePattern prefixed(ResourceType type, String prefix) {
    return new ResourcePattern(type, prefix, PatternType.PREFIXED);
  }

  private static ResourcePattern literal(ResourceType type, String name) {
    return new ResourcePattern(type, name, PatternType.LITERAL);
  }

  private static AclBinding allow(ResourcePattern resource, String principal, AclOperation operation) {
    return new AclBinding(resource, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
  }
}
