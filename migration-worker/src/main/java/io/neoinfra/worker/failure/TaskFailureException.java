package io.neoinfra.worker.failure;

import io.neoinfra.schemas.tasks.FailureKind;
import io.neoinfra.schemas.tasks.TaskError;

/** A task failed for a reason the worker already classified; the error is reported as it is. */
public class TaskFailureException extends RuntimeException {

  private final transient TaskError error;

  public TaskFailureException(TaskError error) {
    super(error.kind().wireName() + ": " + error.message());
    this.error = error;
  }

  public TaskFailureException(FailureKind kind, String message) {
    this(new TaskError(kind, message, null, null, null));
  }

  public TaskError error() {
    return error;
  }
}
