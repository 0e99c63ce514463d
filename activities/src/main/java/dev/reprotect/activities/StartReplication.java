package dev.reprotect.activities;

/** Start delta replication of a reprotected item, as the operation that holds it. */
public record StartReplication(ItemOperation operation, ReprotectPlan plan) {}
