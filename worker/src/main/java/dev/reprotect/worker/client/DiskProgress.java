package dev.reprotect.worker.client;

import dev.reprotect.activities.SyncProgress;

/** The last heartbeat of a disk's initial sync, read from the workflow's pending activities. */
public record DiskProgress(String activityId, int attempt, SyncProgress progress) {}
