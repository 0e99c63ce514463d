package dev.reprotect.worker.cli;

import dev.reprotect.activities.failover.FailoverPlan;
import dev.reprotect.workflows.failover.FailoverStep;
import dev.reprotect.workflows.failover.FailoverSummary;
import dev.reprotect.workflows.job.Job;

/**
 * A failover job as {@code status --failover} shows it: the workflow's status, the job (from the
 * query while it runs, from the failure's details when it failed), the summary once it succeeded.
 */
record FailoverStatus(String workflowId, String status, Job<FailoverStep, FailoverPlan> job,
    FailoverSummary summary, CliError error) {}
