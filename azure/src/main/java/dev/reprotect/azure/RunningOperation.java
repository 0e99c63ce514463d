package dev.reprotect.azure;

import java.time.Instant;

/** The operation running on an item; the id is the operation's business key (its workflow). */
public record RunningOperation(String type, String id, Instant startedAt) {}
