package dev.reprotect.workflows.failover;

import dev.reprotect.azure.ItemLifecycle;
import dev.reprotect.workflows.job.Step;
import java.util.List;

/**
 * The steps of a failover, a change of its point, its commit, a test failover and its cleanup, with
 * the names the job shows.
 */
public enum FailoverStep implements Step {
  CheckPrerequisites("Check prerequisites"),
  ShutdownSource("Turn off the source VM"),
  StopReplication("Stop replication"),
  PrepareRecoveryPoint("Choose the recovery point"),
  StopVm("Turn off the failed-over VM"),
  CreateDisks("Create the disks from the point"),
  CreateVm("Create the VM"),
  BootVm("Boot the VM"),
  DeleteReplacedDisks("Delete the disks of the previous point"),
  CreateTestNetwork("Create the isolated network"),
  DeleteTestVm("Delete the test VM and its disks"),
  DeleteTestNetwork("Delete the isolated network"),
  Complete("Update the item");

  private final String title;

  FailoverStep(String title) {
    this.title = title;
  }

  @Override
  public String title() {
    return title;
  }

  /** The steps a job of {@code operation} shows, in order. */
  public static List<FailoverStep> of(ItemLifecycle operation) {
    return switch (operation) {
      case Failover ->
          List.of(
              CheckPrerequisites,
              ShutdownSource,
              StopReplication,
              PrepareRecoveryPoint,
              CreateDisks,
              CreateVm,
              BootVm,
              Complete);
      case ChangeRecoveryPoint ->
          List.of(
              CheckPrerequisites,
              PrepareRecoveryPoint,
              StopVm,
              CreateDisks,
              CreateVm,
              BootVm,
              DeleteReplacedDisks,
              Complete);
      case TestFailover ->
          List.of(
              CheckPrerequisites,
              PrepareRecoveryPoint,
              CreateTestNetwork,
              CreateDisks,
              CreateVm,
              BootVm,
              Complete);
      case TestFailoverCleanup ->
          List.of(CheckPrerequisites, DeleteTestVm, DeleteTestNetwork, Complete);
      default -> List.of(CheckPrerequisites, Complete);
    };
  }
}
