package dev.reprotect.activities.metering;

import dev.reprotect.activities.ActivityCaller;
import dev.reprotect.activities.AzureFailures;
import dev.reprotect.azure.AzureBackend;
import jakarta.inject.Inject;

public final class MeteringActivitiesImpl implements MeteringActivities {
  private final AzureBackend azure;

  @Inject
  public MeteringActivitiesImpl(AzureBackend azure) {
    this.azure = azure;
  }

  @Override
  public long bytesSentAcrossRegions(MeteredRun run) {
    return AzureFailures.translated(
        null,
        () ->
            azure
                .metering()
                .bytesTransferredBy(ActivityCaller.ofRun(run.workflowId(), run.runId())));
  }

  @Override
  public JobMeters meters(MeteredRun run) {
    String callers = ActivityCaller.ofRun(run.workflowId(), run.runId());
    return AzureFailures.translated(
        null,
        () ->
            new JobMeters(
                azure.metering().bytesTransferredBy(callers), azure.metering().costsBy(callers)));
  }
}
