package io.neoinfra.schemas.tasks;

/** One versioned script that was applied (or, for undo, reverted), with how long it took. */
public record AppliedScript(String version, String script, long durationMs) {}
