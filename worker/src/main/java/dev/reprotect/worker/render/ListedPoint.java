package dev.reprotect.worker.render;

import dev.reprotect.azure.RecoveryPointType;
import java.time.Instant;

/** One recovery point as `recovery-points` prints it; {@code ageSeconds} is counted from now. */
public record ListedPoint(
    String id, Instant time, RecoveryPointType type, String cutId, long ageSeconds) {}
