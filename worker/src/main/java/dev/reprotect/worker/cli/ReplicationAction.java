package dev.reprotect.worker.cli;

import picocli.CommandLine.Option;

/** What {@code replication} does besides showing: stop or start, one at most. */
final class ReplicationAction {
  @Option(names = "--stop", required = true,
      description = "Stop the replication at the next cycle boundary, then show its final status.")
  boolean stop;

  @Option(names = "--start", required = true, description = "Restart the replication of a "
      + "Protected item that has none running, from the newest recovery point's cut as the vault "
      + "records it.")
  boolean start;

  static boolean stop(ReplicationAction action) {
    return action != null && action.stop;
  }

  static boolean start(ReplicationAction action) {
    return action != null && action.start;
  }
}
