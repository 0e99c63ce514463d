package dev.reprotect.activities.metering;

/** One run of a workflow, whose activities' calls the backend metered. */
public record MeteredRun(String workflowId, String runId) {}
