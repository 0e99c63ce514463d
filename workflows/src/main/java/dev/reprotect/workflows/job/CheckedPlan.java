package dev.reprotect.workflows.job;

/**
 * What a job's check decided: the plan the job runs, for the item {@code vault}/{@code vm}, from
 * where the VM runs to where the job takes it, the plan's digest (null if it has none), and the
 * line the check step ends with.
 */
public record CheckedPlan<P>(
    P plan,
    String vault,
    String vm,
    String sourceRegion,
    String targetRegion,
    String digest,
    String detail) {}
