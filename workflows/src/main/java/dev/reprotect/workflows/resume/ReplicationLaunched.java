package dev.reprotect.workflows.resume;

/**
 * A replication workflow that runs: started now, or {@code adopted} (it was already running for the
 * same run tag and direction, as a retry of the same start finds it).
 */
public record ReplicationLaunched(String workflowId, String runId, boolean adopted) {}
