package dev.reprotect.activities;

/**
 * An operation on a replicated item, identified by its business key (the workflow id) and the run
 * of that workflow that performs it: a later run of the same id takes over an earlier run's claim.
 */
public record ItemOperation(
    String vault, String vm, String type, String operationId, String runId) {}
