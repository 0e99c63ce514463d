package dev.reprotect.worker.client;

import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.reprotect.ProtectionStep;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import java.util.List;

/**
 * A job as {@code status} shows it: the workflow's status, the job (from the query while it runs,
 * from the failure's details when it failed), the summary once it succeeded.
 */
public record JobStatus(
    String workflowId,
    String status,
    Job<ProtectionStep, ProtectionPlan> job,
    ProtectionSummary summary,
    CliError error,
    List<DiskProgress> sync) {}
