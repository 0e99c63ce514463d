package dev.reprotect.activities;

/** An operation on a replicated item, identified by its business key (the workflow id). */
public record ItemOperation(String vault, String vm, String type, String operationId) {}
