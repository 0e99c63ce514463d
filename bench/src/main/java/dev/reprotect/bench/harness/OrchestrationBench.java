package dev.reprotect.bench.harness;

import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.worker.client.JobsClient;
import dev.reprotect.workflows.ReprotectSearchAttributes;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.reprotect.ReprotectWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Orchestration overhead: N reprotects of small one-disk items on the zero-latency simulator
 * against N floor jobs, the same workflows whose activities only answer what the warm-up
 * reprotect's answered ({@link FloorWorker}), on the same server and worker. A warm-up of each runs
 * first; the reprotect's also counts its activities.
 */
public final class OrchestrationBench {
  /** A small disk: 4 blocks written, one of them changed; the seeded stale copy holds the rest. */
  static final BenchDisk SMALL_DISK = new BenchDisk(4L << 20, 4, 1, true);

  private final BenchWorld world;
  private final WorkflowClient client;
  private final String vault;
  private final FloorWorker floor;
  private int round;

  /**
   * {@code vault} keeps the items of one run apart from another's in the same world; {@code floor}
   * is registered on the client's worker factory.
   */
  public OrchestrationBench(
      BenchWorld world, WorkflowClient client, String vault, FloorWorker floor) {
    this.world = world;
    this.client = client;
    this.vault = vault;
    this.floor = floor;
  }

  /** N reprotects against N floors, all started at once, one kind after the other. */
  public ConcurrencyResult run(int concurrency) {
    return run(concurrency, 1);
  }

  /**
   * {@code rounds} of N floors then N reprotects, so that a change of the machine's load during the
   * run weighs on both kinds alike rather than on whichever ran second.
   */
  public ConcurrencyResult run(int concurrency, int rounds) {
    round++;
    List<String> vms = new ArrayList<>();
    for (int i = 0; i <= concurrency * rounds; i++) {
      String vm = "vm-" + round + "-" + i;
      world.addItem(vault, vm, SMALL_DISK);
      vms.add(vm);
    }
    JobsClient jobs = new JobsClient(client);
    String warmUp = reprotect(jobs, vms.get(0));
    jobs.await(warmUp);
    int activities = JobHistory.activitiesScheduled(client, warmUp);
    floor.answerAs(client, warmUp);
    jobs.await(startFloor("warm-up"));

    List<LatencyRuns> floors = new ArrayList<>();
    List<LatencyRuns> reprotects = new ArrayList<>();
    long floorCpu = 0;
    long reprotectCpu = 0;
    for (int r = 0; r < rounds; r++) {
      long start = ProcessCpu.nanos();
      List<String> floorIds = new ArrayList<>();
      for (int i = 0; i < concurrency; i++) {
        floorIds.add(startFloor(r + "-" + i));
      }
      floorIds.forEach(jobs::await);
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
    return new ConcurrencyResult(
        concurrency * rounds,
        activities,
        LatencyRuns.inSequence(reprotects),
        LatencyRuns.inSequence(floors),
        Duration.ofNanos(reprotectCpu),
        Duration.ofNanos(floorCpu));
  }

  private String reprotect(JobsClient jobs, String vm) {
    return jobs.start(SyncBench.quietRequest(vault, vm));
  }

  /** A floor job: a reprotect's workflow on the floor's queue, for an item of no vault. */
  private String startFloor(String name) {
    String floorVault = vault + "-floor";
    ReprotectRequest request = SyncBench.quietRequest(floorVault, "vm-" + round + "-" + name);
    String workflowId = WorkflowIds.reprotect(request.vault(), request.vm());
    ReprotectWorkflow job =
        client.newWorkflowStub(
            ReprotectWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(FloorWorker.TASK_QUEUE)
                .setTypedSearchAttributes(
                    SearchAttributes.newBuilder()
                        .set(ReprotectSearchAttributes.VM_NAME, request.vm())
                        .set(ReprotectSearchAttributes.VAULT, request.vault())
                        .build())
                .build());
    WorkflowClient.start(job::reprotect, request);
    return workflowId;
  }

  private LatencyRuns spans(List<String> workflowIds) {
    return LatencyRuns.of(JobHistory.spans(client, workflowIds));
  }
}
