package dev.reprotect.workflows;

import io.temporal.workflow.Workflow;

/**
 * The tag a job's run gives every cut and point it makes (a letter, then the first 8 characters of
 * the run's id), so that no later run meets its ids. From version 1 of {@link #RECORDED_IN_HISTORY}
 * the run id it is taken from is recorded in the history (a side effect): a reset run replays the
 * tag it had, where reading the run id again would give the new run's, and the ids made after the
 * reset would not match those made before it.
 */
public final class RunTags {
  public static final String RECORDED_IN_HISTORY = "run-tag-recorded-in-history";

  private RunTags() {}

  /** The tag of this run, {@code kind} first: 'r' for a replication's, 'f' for a failover's. */
  public static String of(char kind) {
    boolean recorded = Workflow.getVersion(RECORDED_IN_HISTORY, Workflow.DEFAULT_VERSION, 1) == 1;
    String runId =
        recorded
            ? Workflow.sideEffect(String.class, () -> Workflow.getInfo().getRunId())
            : Workflow.getInfo().getRunId();
    return kind + runId.substring(0, 8);
  }
}
