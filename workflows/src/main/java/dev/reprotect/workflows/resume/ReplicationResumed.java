package dev.reprotect.workflows.resume;

/**
 * A replication (re)started from what the vault records: its workflow and run, the new run tag of
 * its cuts and points, the cut it diffs against first (null: every allocated block ships) and the
 * points it carries on.
 */
public record ReplicationResumed(
    String workflowId, String runId, String runTag, String lastCutId, int recoveryPoints) {}
