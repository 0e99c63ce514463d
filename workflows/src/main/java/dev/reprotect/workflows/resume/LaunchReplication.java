package dev.reprotect.workflows.resume;

import dev.reprotect.workflows.replication.ReplicationInput;

/**
 * Starts {@code input}'s replication workflow on {@code taskQueue} (the caller's: the replication
 * runs where the job that starts it runs); {@code summary} is its line in the Web UI.
 */
public record LaunchReplication(ReplicationInput input, String taskQueue, String summary) {}
