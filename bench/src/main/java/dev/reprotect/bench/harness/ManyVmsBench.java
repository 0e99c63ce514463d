package dev.reprotect.bench.harness;

import dev.reprotect.worker.client.JobsClient;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many VMs at once: N items of one vault (so they share its cache storage account), their N
 * reprotects started together on whatever workers poll the server, each awaited to its end.
 */
public final class ManyVmsBench {
  /** One block written on a 4 MiB disk, changed since the failover; the stale copy is seeded. */
  public static final BenchDisk SMALL_DISK = new BenchDisk(4L << 20, 1, 1, true);

  private static final int STARTERS = 32;

  private final BenchWorld world;
  private final WorkflowClient client;

  public ManyVmsBench(BenchWorld world, WorkflowClient client) {
    this.world = world;
    this.client = client;
  }

  /** Seeds {@code count} failed-over VMs in {@code vault}; returns their names. */
  public List<String> seed(String vault, int count) {
    List<String> vms = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String vm = "vm-" + i;
      world.addItem(vault, vm, SMALL_DISK);
      vms.add(vm);
    }
    return vms;
  }

  /**
   * Starts the reprotect of every VM at once ({@link #STARTERS} start calls in flight: one after
   * the other, a thousand starts took minutes on a loaded machine), then awaits each.
   */
  public ManyVmsResult run(String vault, List<String> vms) throws InterruptedException {
    JobsClient jobs = new JobsClient(client);
    List<Callable<String>> starts =
        vms.stream()
            .<Callable<String>>map(vm -> () -> jobs.start(SyncBench.quietRequest(vault, vm)))
            .toList();
    List<String> started = new ArrayList<>();
    ExecutorService starters = Executors.newFixedThreadPool(STARTERS);
    try {
      for (Future<String> start : starters.invokeAll(starts)) {
        started.add(start.get());
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("a reprotect did not start", e.getCause());
    } finally {
      starters.shutdownNow();
    }
    List<String> succeeded = new ArrayList<>();
    for (String workflowId : started) {
      try {
        jobs.await(workflowId);
        succeeded.add(workflowId);
      } catch (WorkflowFailedException failed) {
        // Counted by its absence from the succeeded ones; the server keeps why.
      }
    }
    List<JobHistory.Span> spans = JobHistory.spans(client, succeeded);
    return new ManyVmsResult(
        vms.size(), succeeded.size(), LatencyRuns.of(spans), ManyVmsResult.completionTimes(spans));
  }
}
