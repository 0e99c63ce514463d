package dev.reprotect.worker.bench;

public final class NoOpActivitiesImpl implements NoOpActivities {
  @Override
  public int noOp(int step) {
    return step;
  }
}
