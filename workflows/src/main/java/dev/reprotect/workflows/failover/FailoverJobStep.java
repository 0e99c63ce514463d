package dev.reprotect.workflows.failover;

import dev.reprotect.workflows.reprotect.StepState;
import java.time.Instant;

/** One step of the job: its state, times (null until they happen) and a line of detail. */
public record FailoverJobStep(FailoverStep step, String title, StepState state, Instant startTime,
    Instant endTime, String detail) {}
