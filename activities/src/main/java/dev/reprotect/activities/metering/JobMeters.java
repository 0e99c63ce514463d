package dev.reprotect.activities.metering;

import dev.reprotect.azure.CallerCosts;

/**
 * What the backend metered for one job run, every attempt of every step included: the bytes that
 * crossed regions, and what it charged the run's calls on each side ({@link CallerCosts}: bytes
 * read and written per region and per blob, bytes hashed, calls by operation, throttled calls,
 * modelled seconds).
 */
public record JobMeters(long bytesSentAcrossRegions, CallerCosts costs) {}
