package dev.reprotect.worker.bench;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public final class FloorWorkflowImpl implements FloorWorkflow {
  private final NoOpActivities steps = Workflow.newActivityStub(NoOpActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());

  @Override
  public int run(int activities) {
    int ran = 0;
    for (int step = 0; step < activities; step++) {
      steps.noOp(step);
      ran++;
    }
    return ran;
  }
}
