package dev.reprotect.worker.cli;

import dev.reprotect.workflows.WorkflowIds;
import picocli.CommandLine.Option;

/**
 * Which job of an item a command is about: its reprotect, or with one of these options its
 * failover, its test failover, its enable or its disable. The options exclude one another (an
 * exclusive argument group where it is used).
 */
final class JobType {
  @Option(
      names = "--failover",
      required = true,
      description =
          "The item's failover job "
              + "instead (workflow failover.<vault>.<vm>: its failover, change of point or commit, the "
              + "last one run).")
  boolean failover;

  @Option(
      names = "--test-failover",
      required = true,
      description =
          "The item's test failover "
              + "job instead (workflow test-failover.<vault>.<vm>: its last drill or cleanup).")
  boolean testFailover;

  @Option(
      names = "--enable",
      required = true,
      description =
          "The item's enable job instead "
              + "(workflow enable.<vault>.<vm>, its first protection).")
  boolean enable;

  @Option(
      names = "--disable",
      required = true,
      description =
          "The item's disable job instead "
              + "(workflow disable.<vault>.<vm>, the removal of its protection).")
  boolean disable;

  /** The workflow id of the job chosen; {@code type} null is the item's reprotect. */
  static String workflowId(JobType type, ItemArguments item) {
    if (type == null) {
      return item.workflowId();
    }
    if (type.failover) {
      return WorkflowIds.failover(item.vault, item.vm);
    }
    if (type.disable) {
      return WorkflowIds.disable(item.vault, item.vm);
    }
    return type.testFailover
        ? WorkflowIds.testFailover(item.vault, item.vm)
        : WorkflowIds.enable(item.vault, item.vm);
  }

  /** Whether the job chosen runs a FailoverWorkflow (a failover or a drill). */
  static boolean isFailoverWorkflow(JobType type) {
    return type != null && (type.failover || type.testFailover);
  }
}
