package dev.reprotect.workflows.replication;

import dev.reprotect.azure.RecoveryPointType;
import java.time.Instant;

/** A recovery point the workflow made; {@code time} is the workflow time its cut was taken. */
public record RecoveryPointInfo(String id, Instant time, RecoveryPointType type, String cutId) {}
