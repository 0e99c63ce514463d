package dev.reprotect.worker.bench;

import dev.reprotect.worker.cli.ReprotectJobs;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Orchestration overhead: N reprotects of small one-disk items on the zero-latency simulator
 * against N floor workflows with as many no-op activities as a reprotect ran, on the same server
 * and worker. A warm-up pair runs first; it also counts the reprotect's activities.
 */
public final class OrchestrationBench {
  /** A small disk: 4 blocks written, one of them changed; the seeded stale copy holds the rest. */
  static final BenchDisk SMALL_DISK = new BenchDisk(4L << 20, 4, 1, true);

  private final BenchWorld world;
  private final WorkflowClient client;
  private final String vault;
  private int round;

  /** {@code vault} keeps the items of one run apart from another's in the same world. */
  public OrchestrationBench(BenchWorld world, WorkflowClient client, String vault) {
    this.world = world;
    this.client = client;
    this.vault = vault;
  }

  /** N reprotects against N floors, all started at once, one kind after the other. */
  public ConcurrencyResult run(int concurrency) {
    return run(concurrency, 1);
  }

  /**
   * {@code rounds} of N floors then N reprotects, so that a change of the machine's load during
   * the run weighs on both kinds alike rather than on whichever ran second.
   */
  public ConcurrencyResult run(int concurrency, int rounds) {
    round++;
    List<String> vms = new ArrayList<>();
    for (int i = 0; i <= concurrency * rounds; i++) {
      String vm = "vm-" + round + "-" + i;
      world.addItem(vault, vm, SMALL_DISK);
      vms.add(vm);
    }
    ReprotectJobs jobs = new ReprotectJobs(client);
    String warmUp = reprotect(jobs, vms.get(0));
    jobs.await(warmUp);
    int activities = JobHistory.activitiesScheduled(client, warmUp);
    awaitFloor(startFloor("warm-up", activities));

    List<LatencyRuns> floors = new ArrayList<>();
    List<LatencyRuns> reprotects = new ArrayList<>();
    long floorCpu = 0;
    long reprotectCpu = 0;
    for (int r = 0; r < rounds; r++) {
      long start = ProcessCpu.nanos();
      List<String> floorIds = new ArrayList<>();
      for (int i = 0; i < concurrency; i++) {
        floorIds.add(startFloor(r + "." + i, activities));
      }
      floorIds.forEach(this::awaitFloor);
      long floorsEnded = ProcessCpu.nanos();
      List<String> reprotectIds = new ArrayList<>();
      for (String vm : vms.subList(1 + r * concurrency, 1 + (r + 1) * concurrency)) {
        reprotectIds.add(reprotect(jobs, vm));
      }
      reprotectIds.forEach(jobs::await);
      floorCpu += floorsEnded - start;
      reprotectCpu += ProcessCpu.nanos() - floorsEnded;
      floors.add(spans(floorIds));
      reprotects.add(spans(reprotectIds));
    }
    return new ConcurrencyResult(concurrency * rounds, activities,
        LatencyRuns.inSequence(reprotects), LatencyRuns.inSequence(floors),
        Duration.ofNanos(reprotectCpu), Duration.ofNanos(floorCpu));
  }

  private String reprotect(ReprotectJobs jobs, String vm) {
    return jobs.start(SyncBench.quietRequest(vault, vm));
  }

  private String startFloor(String name, int activities) {
    String workflowId = "floor." + vault + "." + round + "." + name;
    FloorWorkflow floor = client.newWorkflowStub(FloorWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(FloorWorker.TASK_QUEUE)
        .build());
    WorkflowClient.start(floor::run, activities);
    return workflowId;
  }

  private void awaitFloor(String workflowId) {
    client.newUntypedWorkflowStub(workflowId).getResult(Integer.class);
  }

  private LatencyRuns spans(List<String> workflowIds) {
    return LatencyRuns.of(JobHistory.spans(client, workflowIds));
  }
}
