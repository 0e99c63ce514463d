package dev.reprotect.worker.cli;

import dev.reprotect.activities.SyncProgress;

/** The last heartbeat of a disk's initial sync, read from the workflow's pending activities. */
record DiskProgress(String activityId, int attempt, SyncProgress progress) {}
