package dev.reprotect.activities.replication;

/** Delete a cut of the source VM that no replica needs as a base any more. */
public record DeleteCut(String vault, String vm, String cutId) {}
