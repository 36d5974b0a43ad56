package io.neoinfra.producer.cli;

import io.neoinfra.producer.watch.ExecutionProgress;
import io.neoinfra.producer.watch.ExecutionWatcher;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.topics.Topics;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neo watch <execution id>}: a progress bar with counts per target state, failures as they happen, and a
 * summary; the exit code lets a script wait on a migration.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = "Follow an execution until it finishes. Exit code: 0 COMPLETED, 1 FAILED, 2 CANCELLED or REJECTED, "
        + "4 not finished within --timeout, 5 never seen.")
final class WatchCommand implements Callable<Integer> {

  static final int COMPLETED = 0;
  static final int FAILED = 1;
  static final int CANCELLED_OR_REJECTED = 2;
  static final int TIMED_OUT = 4;
  static final int NOT_FOUND = 5;

  @Spec CommandSpec spec;
  @Mixin KafkaConnectionOptions kafka = new KafkaConnectionOptions();

  @Parameters(index = "0", paramLabel = "EXECUTION_ID", description = "The execution (or rollback) id.")
  String executionId;

  @Option(names = "--timeout", defaultValue = "PT1H", description = "Give up after this long (ISO-8601, default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ExecutionProgress progress = new ExecutionProgress();
    ExecutionWatcher watcher = new ExecutionWatcher(kafka.bootstrapServers(), kafka.clientProperties(),
        new Topics(kafka.topicPrefix).executions(), Clock.systemUTC());
    Optional<ExecutionView> last = watcher.follow(executionId, timeout, view -> {
      progress.linesFor(view).forEach(out::println);
      out.flush();
    });
    if (last.isEmpty()) {
      spec.commandLine().getErr().println("execution " + executionId + " was not seen within " + timeout);
      return NOT_FOUND;
    }
    out.println(ExecutionProgress.summary(last.get()));
    ExecutionStatus status = last.get().status();
    return switch (status) {
      case COMPLETED -> COMPLETED;
      case FAILED -> FAILED;
      case CANCELLED, REJECTED -> CANCELLED_OR_REJECTED;
      case PENDING, RUNNING -> TIMED_OUT;
    };
  }
}
