package dev.reprotect.worker.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.activities.enable.EnableRequest;
import dev.reprotect.activities.failover.FailoverRequest;
import dev.reprotect.activities.failover.PointSelector;
import dev.reprotect.activities.sync.SideMeters;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.CallerCosts;
import dev.reprotect.azure.ChurnPattern;
import dev.reprotect.azure.ChurnSpec;
import dev.reprotect.azure.ChurnStatus;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VmDisk;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.ScenarioSeeder;
import dev.reprotect.worker.client.CommandFailure;
import dev.reprotect.worker.client.FailoverJobs;
import dev.reprotect.worker.client.JobsClient;
import dev.reprotect.workflows.failover.FailedOverDisk;
import dev.reprotect.workflows.failover.FailoverSummary;
import dev.reprotect.workflows.reprotect.DiskSummary;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The demo's round trip of one unprotected VM: enable, churn, test failover and its cleanup,
 * failover to the latest point, commit, churn on both sides, reprotect, churn, failback, commit,
 * churn on both sides, reprotect. Each job runs through Temporal; the round trip holds the backend,
 * so it meters each hop, drives the guests' churn between hops and takes the inventory.
 */
public final class RoundTrip {
  private static final Duration CHURN_STALL = Duration.ofMinutes(1);

  /**
   * The round trip's outcome: its hops, the inventory before and after, and the inventory a
   * protected VM needs (the one right after the enable, and the vault's cache account in the region
   * it was failed over to), which the end must equal. Its JSON (the demo's with --json) carries the
   * verdict as {@code succeeded}.
   */
  public record Result(
      String state,
      String sourceRegion,
      String targetRegion,
      List<RoundTripHop> hops,
      List<String> inventoryBefore,
      List<String> inventoryExpected,
      List<String> inventoryAfter) {
    @JsonProperty("succeeded")
    public boolean succeeded() {
      return "Protected".equals(state)
          && hops.get(0).direction().startsWith(sourceRegion + " ")
          && hops.stream().allMatch(RoundTripHop::checksumsEqual)
          && inventoryAfter.equals(inventoryExpected);
    }
  }

  private final JobsClient jobs;
  private final AzureBackend azure;
  private final String vault;
  private final String vm;
  private final String originalSource;
  private final String originalTarget;
  private final String originalResourceGroup;
  private final double churnMegabytesPerSecond;
  private int churnPhases;
  private final long churnBytesPerPhase;
  private long churnSinceLastHop;

  /** {@code churnBytesPerPhase}: what the guest writes, over all disks, in each churn phase. */
  public RoundTrip(
      JobsClient jobs,
      AzureBackend azure,
      Scenario scenario,
      double churnMegabytesPerSecond,
      long churnBytesPerPhase) {
    this.jobs = jobs;
    this.azure = azure;
    this.vault = scenario.vault();
    this.vm = scenario.vm();
    this.originalSource = scenario.sourceRegion();
    this.originalTarget = scenario.targetRegion();
    this.originalResourceGroup =
        ScenarioSeeder.resourceGroupName(scenario.vm(), scenario.sourceRegion());
    this.churnMegabytesPerSecond = churnMegabytesPerSecond;
    this.churnBytesPerPhase = churnBytesPerPhase;
  }

  public Result run(Consumer<RoundTripHop> onHop) {
    List<String> before = BackendInventory.of(azure, originalResourceGroup, vm);
    List<RoundTripHop> hops = new ArrayList<>();
    Consumer<RoundTripHop> record =
        hop -> {
          hops.add(hop);
          onHop.accept(hop);
        };
    record.accept(protect("enable", () -> jobs.enable(EnableRequest.of(vault, vm))));
    List<String> expected = new ArrayList<>(inventory());
    churn(item().source().resourceGroup());
    record.accept(
        failover("test-failover", FailoverRequest.testFailover(vault, vm, PointSelector.LATEST)));
    record.accept(
        failover("test-failover-cleanup", FailoverRequest.testFailoverCleanup(vault, vm)));
    for (String failover : List.of("failover", "failback")) {
      record.accept(
          failover(failover, FailoverRequest.failover(vault, vm, PointSelector.LATEST, false)));
      record.accept(failover("commit", FailoverRequest.commit(vault, vm)));
      churnBothSides();
      record.accept(protect("reprotect", () -> jobs.start(ReprotectRequest.of(vault, vm))));
      if (failover.equals("failover")) {
        // The vault's cache account in the recovery region serves every item of the vault
        // protected from there: it stays, as the item's job reuses it on the next trip.
        String cacheAccount = "storageAccount " + item().cacheStorageAccount();
        if (!expected.contains(cacheAccount)) {
          expected.add(cacheAccount);
        }
        churn(item().source().resourceGroup());
      }
    }
    ReplicatedItem item = item();
    return new Result(
        item.state().name(),
        item.source().region(),
        item.target().region(),
        hops,
        before,
        expected.stream().sorted().toList(),
        inventory());
  }

  /** An enable or a reprotect: the source disks against their replicas, from bytes. */
  private RoundTripHop protect(String operation, Supplier<String> start) {
    Metered<ProtectionSummary> run = metered(start, jobs::await);
    List<RoundTripHop.DiskComparison> checksums = new ArrayList<>();
    for (DiskSummary disk : run.result.disks()) {
      checksums.add(
          RoundTripHop.DiskComparison.of(
              disk.name(), disk.sourceChecksum(), disk.targetChecksum()));
    }
    String newestPoint =
        azure.recoveryServices().recoveryPoints(vault, vm).stream()
            .max(Comparator.comparing(RecoveryPoint::time))
            .map(RecoveryPoint::id)
            .orElse(null);
    ProtectionSummary summary = run.result;
    String kinds =
        summary.disks().stream()
            .map(DiskSummary::syncKind)
            .filter(Objects::nonNull)
            .distinct()
            .sorted()
            .collect(Collectors.joining("+"));
    CallerCosts costs = summary.meters();
    RoundTripHop.Sync sync =
        new RoundTripHop.Sync(
            kinds.isEmpty() ? "full-compare" : kinds,
            costs == null ? 0 : costs.bytesReadIn(summary.sourceRegion()),
            costs == null ? 0 : costs.bytesReadIn(summary.targetRegion()),
            summary.disks().stream()
                .map(DiskSummary::meters)
                .filter(Objects::nonNull)
                .mapToLong(meters -> meters.bytesReadOnSource() + meters.bytesReadOnReplica())
                .sum(),
            summary.disks().stream()
                .map(DiskSummary::meters)
                .filter(Objects::nonNull)
                .mapToLong(SideMeters::bytesSent)
                .sum(),
            summary.disks().stream()
                .map(DiskSummary::bytesChanged)
                .filter(Objects::nonNull)
                .mapToLong(Long::longValue)
                .sum());
    return hop(operation, run, newestPoint, checksums, sync);
  }

  /** A failover job: a booted VM's disks against its point's recorded checksums. */
  private RoundTripHop failover(String operation, FailoverRequest request) {
    FailoverJobs failovers = jobs.failovers();
    Metered<FailoverSummary> run = metered(() -> failovers.start(request), failovers::await);
    List<RoundTripHop.DiskComparison> checksums = new ArrayList<>();
    for (FailedOverDisk disk : run.result.disks()) {
      checksums.add(
          RoundTripHop.DiskComparison.of(disk.slot(), disk.pointChecksum(), disk.checksum()));
    }
    return hop(operation, run, run.result.pointId(), checksums, null);
  }

  private RoundTripHop hop(
      String operation,
      Metered<?> run,
      String pointId,
      List<RoundTripHop.DiskComparison> checksums,
      RoundTripHop.Sync sync) {
    long churned = churnSinceLastHop;
    churnSinceLastHop = 0;
    ReplicatedItem item = item();
    return new RoundTripHop(
        operation,
        run.workflowId,
        run.direction,
        run.millis,
        run.bytes,
        churned,
        pointId,
        checksums,
        item.state().name(),
        item.activeLocation(),
        sync);
  }

  private record Metered<T>(
      String workflowId, T result, long millis, long bytes, String direction) {}

  /** Starts a job ({@code start} returns its workflow id) and awaits its result, metered. */
  private <T> Metered<T> metered(Supplier<String> start, Function<String, T> await) {
    // Before the enable there is no item: the VM runs in the original source region.
    Optional<ReplicatedItem> item = azure.recoveryServices().replicatedItem(vault, vm);
    String from = item.map(i -> i.source().region()).orElse(originalSource);
    String to = item.map(i -> i.target().region()).orElse(originalTarget);
    long bytesBefore = crossRegionBytes(from, to);
    long startTime = System.nanoTime();
    String workflowId = start.get();
    T result = await.apply(workflowId);
    long millis = (System.nanoTime() - startTime) / 1_000_000;
    return new Metered<>(
        workflowId, result, millis, crossRegionBytes(from, to) - bytesBefore, from + " -> " + to);
  }

  private long crossRegionBytes(String a, String b) {
    return azure.metering().bytesTransferred(a, b) + azure.metering().bytesTransferred(b, a);
  }

  /**
   * Between a commit and its reprotect, both sides write, as a VM failed over and its stale
   * original left running do: the guest of the running VM churns a phase, then the stale VM's
   * (still there until the reprotect deletes it), and each then writes block 0 of each of its
   * disks, its own bytes, so that some blocks changed on both sides. The reprotect's changed-block
   * sync visits the union of both sides' changes and sends the source's blocks of it.
   */
  private void churnBothSides() {
    ReplicatedItem item = item();
    VirtualMachine running = vmIn(item.source().resourceGroup());
    VirtualMachine stale = vmIn(item.target().resourceGroup());
    for (VirtualMachine side : List.of(running, stale)) {
      churn(side.resourceGroup());
    }
    for (VirtualMachine side : List.of(running, stale)) {
      SplittableRandom random = new SplittableRandom(ReplicationDemo.CHURN_SEED + churnPhases++);
      for (VmDisk disk : side.disks()) {
        byte[] block = new byte[azure.storage().blockSize()];
        random.nextBytes(block);
        azure.workload().write(side.resourceGroup(), side.name(), disk.slot(), 0, block);
        churnSinceLastHop += block.length;
      }
    }
  }

  private VirtualMachine vmIn(String resourceGroup) {
    return azure
        .compute()
        .virtualMachine(resourceGroup, vm)
        .orElseThrow(
            () -> new CommandFailure("VmNotFound", "no VM " + vm + " in group " + resourceGroup));
  }

  /**
   * The guest of the VM in {@code resourceGroup} (running) writes until it has written the phase's
   * bytes, then stops. Each phase has its own seed: a phase repeating an earlier one's bytes would
   * find them in the other region's store already, and ship nothing.
   */
  private void churn(String resourceGroup) {
    azure
        .workload()
        .startChurn(
            resourceGroup,
            vm,
            new ChurnSpec(
                churnMegabytesPerSecond,
                ChurnPattern.Random,
                ReplicationDemo.CHURN_SEED + churnPhases++));
    long written = 0;
    long deadline = System.nanoTime() + CHURN_STALL.toNanos();
    try {
      while (written < churnBytesPerPhase) {
        if (System.nanoTime() > deadline) {
          throw new CommandFailure(
              "ChurnStalled",
              "the guest of "
                  + vm
                  + " wrote "
                  + written
                  + " bytes in "
                  + CHURN_STALL.toSeconds()
                  + " s");
        }
        ReplicationDemo.pause("the guest's writes");
        written =
            azure.workload().churn(resourceGroup, vm).map(ChurnStatus::bytesWritten).orElse(0L);
      }
    } finally {
      azure.workload().stopChurn(resourceGroup, vm);
    }
    churnSinceLastHop += written;
  }

  private List<String> inventory() {
    return BackendInventory.of(azure, item().source().resourceGroup(), vm);
  }

  private ReplicatedItem item() {
    return azure
        .recoveryServices()
        .replicatedItem(vault, vm)
        .orElseThrow(
            () -> new CommandFailure("ItemNotFound", "vault " + vault + " has no item " + vm));
  }
}
