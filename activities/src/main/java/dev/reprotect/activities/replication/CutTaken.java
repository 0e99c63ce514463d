package dev.reprotect.activities.replication;

/** The cut exists; {@code appConsistent} only when the guest did quiesce for it. */
public record CutTaken(String cutId, boolean appConsistent) {}
