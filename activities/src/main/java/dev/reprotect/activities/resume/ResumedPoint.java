package dev.reprotect.activities.resume;

import dev.reprotect.azure.RecoveryPointType;
import java.time.Instant;

/**
 * A recovery point as the vault records it, reduced to what a replication carries in its input (the
 * vault's record also lists every snapshot and checksum, which a workflow never needs).
 */
public record ResumedPoint(String id, Instant time, RecoveryPointType type, String cutId) {}
