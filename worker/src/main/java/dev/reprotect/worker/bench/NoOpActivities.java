package dev.reprotect.worker.bench;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** An activity that does nothing: what the floor workflow schedules in place of real steps. */
@ActivityInterface
public interface NoOpActivities {
  @ActivityMethod
  int noOp(int step);
}
