package dev.reprotect.worker.client;

import dev.reprotect.workflows.replication.ReplicationStatus;

/**
 * An item's replication workflow as {@code replication} shows it: the workflow's status, the
 * replication (its query while it runs, its result once it ended), what it published when it runs
 * and no worker answers its query, and, when it ended without a result, why.
 */
public record ReplicationView(
    String workflowId,
    String status,
    ReplicationStatus replication,
    PublishedReplication published,
    CliError error) {

  /** A view from the workflow itself: its query's answer or its result. */
  ReplicationView(String workflowId, String status, ReplicationStatus replication, CliError error) {
    this(workflowId, status, replication, null, error);
  }
}
