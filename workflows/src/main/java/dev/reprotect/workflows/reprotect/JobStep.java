package dev.reprotect.workflows.reprotect;

import java.time.Instant;

/** One step of the job: its state, times (null until they happen) and a line of detail. */
public record JobStep(
    ReprotectStep step, String title, StepState state, Instant startTime, Instant endTime,
    String detail) {}
