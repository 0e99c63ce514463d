package dev.reprotect.azure;

import java.time.Instant;

/**
 * The last scrub of an item, as the vault records it: when it ended, how, the recovery point it
 * compared with its source cut, the bytes it read and hashed (both sides), the blocks it resent and
 * a line for people.
 */
public record ScrubRecord(
    Instant time,
    ScrubOutcome outcome,
    String pointId,
    long bytesCompared,
    long blocksRepaired,
    String detail) {}
