package io.neoinfra.gateway.state;

import io.neoinfra.schemas.executions.ExecutionView;

/** Told about every new version of an execution (called on the view's consumer thread: hand off, do not block). */
@FunctionalInterface
public interface ExecutionListener {
  void changed(ExecutionView view);
}
