package dev.reprotect.azure;

import java.time.Instant;

/** One mutating operation the backend applied: a request that changed nothing is not logged. */
public record ActivityLogEntry(
    long sequence, Instant time, String operation, String resourceId, String correlationId) {}
