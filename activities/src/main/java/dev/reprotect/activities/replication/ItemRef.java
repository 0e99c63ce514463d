package dev.reprotect.activities.replication;

/** A replicated item of a vault. */
public record ItemRef(String vault, String vm) {}
