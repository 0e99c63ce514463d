package dev.reprotect.worker.cli;

import dev.reprotect.workflows.replication.ReplicationStatus;

/**
 * An item's replication workflow as {@code replication} shows it: the workflow's status, the
 * replication (its query while it runs, its result once it ended) and, when it ended without a
 * result, why.
 */
record ReplicationView(
    String workflowId,
    String status,
    ReplicationStatus replication,
    CliError error) {}
