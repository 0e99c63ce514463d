package dev.reprotect.worker.bench;

/**
 * The reduced benchmarks' ratios, each against a baseline measured in the same run:
 * {@code orchestrationRatio} reprotect throughput over the floor's; {@code sentOverChanged} bytes
 * the sync sent over the bytes that differed; {@code hashOverMemcpy} the block hash's throughput
 * over a memory copy's; {@code sparseRatio} the sync time of a large sparse disk over a small one
 * holding the same written bytes.
 */
public record QuickResult(
    double orchestrationRatio, double sentOverChanged, double hashOverMemcpy, double sparseRatio) {}
