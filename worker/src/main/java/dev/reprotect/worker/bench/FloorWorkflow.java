package dev.reprotect.worker.bench;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The orchestration floor: a workflow with as many activities as a reprotect, each doing
 * nothing, so that what a reprotect costs beyond it is its own work, not Temporal's.
 */
@WorkflowInterface
public interface FloorWorkflow {
  /** Runs {@code activities} no-op activities one after another; returns how many ran. */
  @WorkflowMethod
  int run(int activities);
}
