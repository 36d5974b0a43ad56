package io.neoinfra.processor.execution;

import io.neoinfra.schemas.tasks.TaskResult;

/**
 * What the execution side reads: a command from the internal command topic, a worker's result, or a record that could
 * not be read (which goes to the dead-letter topic). The deserializers produce these and never throw.
 */
public sealed interface ExecutionInput {

  record Start(StartCommand command) implements ExecutionInput {}

  record Result(TaskResult result) implements ExecutionInput {}

  record Unreadable(byte[] raw, String errorClass, String message) implements ExecutionInput {}
}
