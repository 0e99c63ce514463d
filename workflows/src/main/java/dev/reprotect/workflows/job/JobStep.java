package dev.reprotect.workflows.job;

import java.time.Instant;

/** One step of the job: its state, times (null until they happen) and a line of detail. */
public record JobStep<S extends Enum<S> & Step>(
    S step, String title, StepState state, Instant startTime, Instant endTime, String detail) {}
