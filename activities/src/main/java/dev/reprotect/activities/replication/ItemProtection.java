package dev.reprotect.activities.replication;

import dev.reprotect.azure.ScrubRecord;

/**
 * The item's protection state, a name of {@code dev.reprotect.azure.ProtectionState}, and its last
 * scrub (null when never): a replica a scrub found different makes the replication's health
 * Critical.
 */
public record ItemProtection(String protectionState, ScrubRecord lastScrub) {}
