package dev.reprotect.activities.metering;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** What the backend measured of a job, rather than what the job counted of itself. */
@ActivityInterface
public interface MeteringActivities {
  /**
   * The bytes the backend metered across regions for every call the run's activities made: every
   * step, every attempt, those whose progress was lost included.
   */
  @ActivityMethod
  long bytesSentAcrossRegions(MeteredRun run);

  /** The bytes sent across regions as above, and what the run's calls were charged per side. */
  @ActivityMethod
  JobMeters meters(MeteredRun run);
}
