package dev.reprotect.worker.cli;

import dev.reprotect.azure.NameRules;
import dev.reprotect.worker.client.CliError;
import dev.reprotect.worker.client.JobsClient;
import dev.reprotect.worker.render.HumanFormat;
import dev.reprotect.worker.render.Json;
import dev.reprotect.worker.render.ListedJob;
import dev.reprotect.workflows.ReprotectSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.SearchAttributeKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "List reprotect, failover, enable and disable jobs, newest first, through the server's "
          + "visibility store.",
      "%nFilters on the search attributes the jobs carry. Needs a real Temporal server (reprotect "
          + "dev, or --address): the embedded test server keeps no visibility store.%n"
    })
final class ListCommand extends ClientCommand {
  private static final int MAX_JOBS = 1000;

  @Spec CommandSpec spec;

  @Option(
      names = "--state",
      paramLabel = "STATE",
      description = "Running, Completed, Failed, Canceled, Terminated or TimedOut.")
  String state;

  @Option(names = "--vm", paramLabel = "NAME", description = "Only the jobs of this VM.")
  String vm;

  @Option(names = "--vault", paramLabel = "NAME", description = "Only the jobs of this vault.")
  String vault;

  @Override
  int run(JobsClient jobs) {
    String query = query();
    List<ListedJob> listed = new ArrayList<>();
    try {
      jobs.list(query, MAX_JOBS).forEach(execution -> listed.add(toJob(execution)));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw e;
      }
      return output.fail(
          new CliError(
              "ListingNotSupported",
              "this Temporal service cannot list "
                  + "workflows (the embedded test server has no visibility store); point --address at a "
                  + "real server, such as the one `reprotect dev` starts"));
    }
    if (output.json) {
      output.out.println(Json.write(listed));
    } else {
      HumanFormat.jobs(listed, output.out);
    }
    return ExitCodes.OK;
  }

  private String query() {
    List<String> clauses =
        new ArrayList<>(
            List.of(
                "(WorkflowType = 'ReprotectWorkflow' OR WorkflowType = 'FailoverWorkflow'"
                    + " OR WorkflowType = 'EnableReplicationWorkflow'"
                    + " OR WorkflowType = 'DisableWorkflow')"));
    if (vm != null) {
      if (!NameRules.isValidVmName(vm)) {
        throw new ParameterException(spec.commandLine(), "--vm: '" + vm + "' is not a VM name");
      }
      clauses.add("VmName = '" + vm + "'");
    }
    if (vault != null) {
      if (!NameRules.isValidVaultName(vault)) {
        throw new ParameterException(
            spec.commandLine(), "--vault: '" + vault + "' is not a vault name");
      }
      clauses.add("Vault = '" + vault + "'");
    }
    if (state != null) {
      List<String> states =
          List.of("Running", "Completed", "Failed", "Canceled", "Terminated", "TimedOut");
      String matched =
          states.stream()
              .filter(s -> s.equalsIgnoreCase(state))
              .findFirst()
              .orElseThrow(
                  () ->
                      new ParameterException(
                          spec.commandLine(), "--state is one of " + String.join(", ", states)));
      clauses.add("ExecutionStatus = '" + matched + "'");
    }
    return String.join(" AND ", clauses);
  }

  private static ListedJob toJob(WorkflowExecutionMetadata execution) {
    return new ListedJob(
        execution.getExecution().getWorkflowId(),
        execution.getWorkflowType().replaceFirst("Workflow$", ""),
        execution
            .getStatus()
            .name()
            .replace("WORKFLOW_EXECUTION_STATUS_", "")
            .toLowerCase(Locale.ROOT),
        execution.getStartTime(),
        execution.getCloseTime(),
        attribute(execution, ReprotectSearchAttributes.VM_NAME),
        attribute(execution, ReprotectSearchAttributes.VAULT),
        attribute(execution, ReprotectSearchAttributes.SOURCE_REGION),
        attribute(execution, ReprotectSearchAttributes.TARGET_REGION),
        attribute(execution, ReprotectSearchAttributes.REPROTECT_STEP));
  }

  private static String attribute(
      WorkflowExecutionMetadata execution, SearchAttributeKey<String> key) {
    return execution.getTypedSearchAttributes().get(key);
  }
}
