package dev.reprotect.worker.cli;

import dev.reprotect.workflows.WorkflowIds;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The replicated item a command is about: its VM name and vault. */
final class ItemArguments {
  @Parameters(index = "0", paramLabel = "VM", description = "Name of the replicated VM.")
  String vm;

  @Option(names = "--vault", required = true, description = "Recovery Services vault of the VM.")
  String vault;

  String workflowId() {
    return WorkflowIds.reprotect(vault, vm);
  }
}
