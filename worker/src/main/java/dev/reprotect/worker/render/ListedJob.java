package dev.reprotect.worker.render;

import java.time.Instant;

/** One job in the list, as --json prints it. */
public record ListedJob(
    String workflowId,
    String type,
    String status,
    Instant startTime,
    Instant closeTime,
    String vm,
    String vault,
    String sourceRegion,
    String targetRegion,
    String step) {}
