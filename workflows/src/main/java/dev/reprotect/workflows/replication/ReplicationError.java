package dev.reprotect.workflows.replication;

import java.time.Instant;

/** The failure that ended a cycle: the activity that gave up after its retries, and why. */
public record ReplicationError(
    long cycle, Instant time, String activity, String type, String message) {}
