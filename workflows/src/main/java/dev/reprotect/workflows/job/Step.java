package dev.reprotect.workflows.job;

/**
 * A step of a job type, one constant of its enum: the constant's name is what the {@code
 * ReprotectStep} search attribute and the metrics carry, its title what the job shows.
 */
public interface Step {
  String title();
}
