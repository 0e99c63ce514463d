package dev.reprotect.activities.failover;

import dev.reprotect.activities.ItemOperation;

/** Ends {@code operation} successfully: the item moves to its operation's succeeded state. */
public record CompleteFailover(ItemOperation operation, FailoverPlan plan) {}
