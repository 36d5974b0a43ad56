package io.neoinfra.worker.priority;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetLedgerTest {

  private final TopicPartition partition = new TopicPartition("neo.migration.tasks.low", 0);

  @Test
  void commitsOnlyUpToTheLowestUnfinishedTask() {
    // given: three tasks fetched, the later two finished first
    OffsetLedger ledger = new OffsetLedger();
    ledger.accepted(partition, 10);
    ledger.accepted(partition, 11);
    ledger.accepted(partition, 12);
    ledger.finished(partition, 11);
    ledger.finished(partition, 12);

    // then: offset 10 is still owed, so nothing past it is committed
    assertThat(ledger.committable()).containsEntry(partition, new OffsetAndMetadata(10));

    // when
    ledger.finished(partition, 10);

    // then
    assertThat(ledger.committable()).containsEntry(partition, new OffsetAndMetadata(13));
    assertThat(ledger.committable()).isEmpty();
  }

  @Test
  void forgetsRevokedPartitionsAndIgnoresTheirLateCompletions() {
    OffsetLedger ledger = new OffsetLedger();
    ledger.accepted(partition, 5);
    ledger.forget(List.of(partition));

    ledger.finished(partition, 5);

    assertThat(ledger.committable()).isEmpty();
    assertThat(ledger.unfinished()).isZero();
  }
}
