package dev.reprotect.worker.cli;

import dev.reprotect.workflows.failover.FailoverJob;
import dev.reprotect.workflows.failover.FailoverSummary;

/**
 * A failover job as {@code status --failover} shows it: the workflow's status, the job (from the
 * query while it runs, from the failure's details when it failed), the summary once it succeeded.
 */
record FailoverStatus(String workflowId, String status, FailoverJob job, FailoverSummary summary,
    CliError error) {}
