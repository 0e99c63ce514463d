package dev.reprotect.activities.item;

import dev.reprotect.azure.RunningOperation;

/** The claim on an item that the operator found stale: its workflow run is no longer open. */
public record StaleClaim(String vault, String vm, RunningOperation claim) {}
