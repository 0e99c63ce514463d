package dev.reprotect.bench.harness;

import dev.reprotect.activities.RegisteredActivities;
import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.azure.sim.LatencyModel;
import dev.reprotect.worker.EmbeddedTemporal;
import dev.reprotect.worker.ReprotectModule;
import dev.reprotect.worker.client.JobsClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reference product's case, modelled: a 1 TB disk holding 127 GB, 45 GB changed since the
 * failover, on a 60 MB/s disk. The bytes are scaled down by {@code dataScale} and the disk's
 * throughput with them, so a transfer takes the modelled time while the disk keeps its full block
 * count (and so its number of ranges, each a call with its modelled delay); the whole run is sped
 * up by {@code timeScale}. The same job runs once more without latency: what the model adds is
 * scaled back to modelled time, the rest (this process's own work) is kept.
 */
public final class ReferenceCase {
  static final double DISK_MBPS = LatencyModel.STANDARD_DISK_MBPS;
  private static final String VAULT = "reference";

  /** The modelled time of the whole job and of each activity type. */
  public record Modelled(Duration job, Map<String, Duration> byActivity, BenchDisk disk) {}

  private ReferenceCase() {}

  public static Modelled run(double timeScale, long dataScale) {
    BenchDisk disk = disk(dataScale);
    Timed zero = timed(LatencyModel.none(), disk);
    LatencyModel reference = LatencyModel.reference(timeScale, DISK_MBPS / dataScale);
    // The in-region copy moves scaled bytes too: its rate scales with them.
    Timed scaled =
        timed(
            new LatencyModel(
                timeScale,
                reference.diskMegabytesPerSecond(),
                reference.copyMegabytesPerSecond() / dataScale,
                reference.operationDelays()),
            disk);
    Map<String, Duration> byActivity = new LinkedHashMap<>();
    scaled
        .byActivity()
        .forEach(
            (type, time) ->
                byActivity.put(
                    type,
                    modelled(
                        time, zero.byActivity().getOrDefault(type, Duration.ZERO), timeScale)));
    return new Modelled(modelled(scaled.job(), zero.job(), timeScale), byActivity, disk);
  }

  static BenchDisk disk(long dataScale) {
    int block = 1 << 20;
    return new BenchDisk(
        ReferenceCaseModel.DISK_BYTES / block * block,
        ReferenceCaseModel.USED_BYTES / dataScale / block,
        ReferenceCaseModel.CHANGED_BYTES / dataScale / block,
        true);
  }

  private static Duration modelled(Duration withModel, Duration withoutModel, double timeScale) {
    Duration waited = withModel.minus(withoutModel);
    return withoutModel.plusNanos((long) (Math.max(0, waited.toNanos()) / timeScale));
  }

  private record Timed(Duration job, Map<String, Duration> byActivity) {}

  private static Timed timed(LatencyModel latency, BenchDisk disk) {
    try (BenchWorld world = new BenchWorld(latency);
        EmbeddedTemporal temporal =
            new EmbeddedTemporal(
                new ReprotectModule(
                    world.azure(), RegisteredActivities.DEFAULT_BLOCKS_PER_RANGE))) {
      world.addItem(VAULT, "ref-vm", disk);
      JobsClient jobs = new JobsClient(temporal.client());
      String workflowId =
          jobs.start(
              ReprotectRequest.of(VAULT, "ref-vm")
                  .withReplicationCycleSeconds(SyncBench.QUIET_CYCLE_SECONDS));
      jobs.await(workflowId);
      return new Timed(
          JobHistory.span(temporal.client(), workflowId).duration(),
          JobHistory.activityTimeByType(temporal.client(), workflowId));
    }
  }
}
