package dev.reprotect.worker.cli;

import picocli.CommandLine.Option;

/** What {@code replication} does besides showing: stop, start or add a disk, one at most. */
final class ReplicationAction {
  @Option(
      names = "--stop",
      required = true,
      description = "Stop the replication at the next cycle boundary, then show its final status.")
  boolean stop;

  @Option(
      names = "--start",
      required = true,
      description =
          "Restart the replication of a "
              + "Protected item that has none running, from the newest recovery point's cut as the vault "
              + "records it.")
  boolean start;

  @Option(
      names = "--add-disk",
      required = true,
      paramLabel = "NAME",
      description =
          "Bring "
              + "disk NAME, attached to the VM after its protection, into the replication: between two "
              + "cycles a replica of it is copied from the replicas' last cut, and from the next cycle on "
              + "it ships as the other disks do (the DiskSetChanged warning ends). Refused with "
              + "DiskNotFound (no such disk on the VM), DiskNotInBaseCut (attached after the last "
              + "shipped cut: retry after the next cycle) or ReplicationNotRunning.")
  String addDisk;

  static boolean stop(ReplicationAction action) {
    return action != null && action.stop;
  }

  static boolean start(ReplicationAction action) {
    return action != null && action.start;
  }

  /** The disk to add, or null. */
  static String addDisk(ReplicationAction action) {
    return action == null ? null : action.addDisk;
  }
}
