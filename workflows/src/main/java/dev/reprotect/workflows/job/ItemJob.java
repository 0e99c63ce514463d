package dev.reprotect.workflows.job;

import dev.reprotect.activities.ItemOperation;
import dev.reprotect.activities.item.ReplicatedItemActivities;
import dev.reprotect.workflows.ActivityPolicies;
import dev.reprotect.workflows.FailureCode;
import dev.reprotect.workflows.ReprotectSearchAttributes;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The run every job on a replicated item follows, whatever its type: its check plans it (or refuses
 * it, changing nothing), the direction it decided is recorded, its claim makes it the item's
 * running operation, its body runs, the job ends. A failure or a cancellation past the claim leaves
 * the item in its operation's failed state (ItemLifecycle's table) once no activity of the job
 * runs, and the job ends with it: the workflow fails with the job's error code, or is cancelled.
 */
public final class ItemJob<S extends Enum<S> & Step, P> {
  /** A failover that fails before its VM exists returns its item to Protected, and resumes it. */
  static final String RETURNS_UNCHANGED_ITEMS = "returns-unchanged-items";

  private final JobTracker<S, P> job;
  private final List<? extends Promise<?>> inFlight;
  private final Function<P, String> cancelledItem;
  private Predicate<P> unchanged = plan -> false;
  private Function<P, String> restore = plan -> "";

  /** How the item was returned, once it was released unchanged; null otherwise. */
  private String returned;

  /**
   * A run of {@code job}. {@code inFlight} holds the activities its body started and did not wait
   * for: a release waits until they have ended. {@code cancelledItem} says how a cancelled job
   * leaves the item, given its plan (null when it was cancelled in its check).
   */
  public ItemJob(
      JobTracker<S, P> job,
      List<? extends Promise<?>> inFlight,
      Function<P, String> cancelledItem) {
    this.job = job;
    this.inFlight = inFlight;
    this.cancelledItem = cancelledItem;
  }

  /**
   * A job of an operation with an unchanged state of its own that, failing or cancelled, finds with
   * {@code unchanged} (asked once none of its activities runs; it may call activities, and must not
   * throw) that it changed nothing the item depends on: it releases the item into that state, then
   * runs {@code restore} to bring back what its claim stopped, which must not throw either, and
   * says what it did.
   */
  public ItemJob<S, P> returningUnchangedItems(
      Predicate<P> unchanged, Function<P, String> restore) {
    this.unchanged = unchanged;
    this.restore = restore;
    return this;
  }

  /**
   * Runs the job and returns what its body returned. {@code check} is its first step, started with
   * the detail {@code checking}; {@code claim} records the job as the item's running operation;
   * {@code body} runs the steps after it.
   */
  public <R> R run(
      String checking,
      Supplier<CheckedPlan<P>> check,
      BiConsumer<P, ItemOperation> claim,
      BiFunction<P, ItemOperation, R> body) {
    S checkStep = job.checkStep();
    job.start(checkStep, checking);
    CheckedPlan<P> checked;
    try {
      checked = check.get();
    } catch (ActivityFailure | CanceledFailure e) {
      throw endWithFailure(e, null);
    }
    ReprotectSearchAttributes.upsertDirection(checked.sourceRegion(), checked.targetRegion());
    job.recordPlan(checked.plan(), checked.digest());
    job.succeed(checkStep, checked.detail());

    ItemOperation operation =
        new ItemOperation(
            checked.vault(),
            checked.vm(),
            job.operation().name(),
            Workflow.getInfo().getWorkflowId(),
            Workflow.getInfo().getRunId());
    try {
      claim.accept(checked.plan(), operation);
      R result = body.apply(checked.plan(), operation);
      job.end(JobState.Succeeded, null, null);
      return result;
    } catch (ActivityFailure | CanceledFailure | ApplicationFailure e) {
      // An ApplicationFailure is the body's own refusal to go on (a disk that does not match
      // its recovery point): the item is released as after a failed step.
      throw endWithFailure(e, release(checked, operation));
    }
  }

  /**
   * Leaves the item in its operation's failed state after a failure or a cancellation, once no
   * activity of the job runs; returns null, or why the item is still claimed if even the release's
   * long bound ran out.
   */
  private String release(CheckedPlan<P> checked, ItemOperation operation) {
    List<String> unreleased = new ArrayList<>();
    // Runs even when the workflow is cancelled: the item must not stay claimed.
    Workflow.newDetachedCancellationScope(
            () -> {
              Workflow.await(() -> inFlight.stream().allMatch(Promise::isCompleted));
              // Asked once the activities have ended: the last of them may have changed the item.
              boolean asItWas =
                  job.operation().unchanged() != job.operation().failed()
                      && Workflow.getVersion(RETURNS_UNCHANGED_ITEMS, Workflow.DEFAULT_VERSION, 1)
                          == 1
                      && unchanged.test(checked.plan());
              try {
                if (asItWas) {
                  Workflow.newActivityStub(
                          ReplicatedItemActivities.class,
                          ActivityPolicies.release(
                              "Mark "
                                  + checked.vm()
                                  + " "
                                  + job.operation().unchanged()
                                  + " again: the "
                                  + job.operation()
                                  + " changed nothing it depends on"))
                      .releaseUnchangedItem(operation);
                  returned =
                      String.format(
                          "%s is %s again, as before the job; %s",
                          checked.vm(), job.operation().unchanged(), restore.apply(checked.plan()));
                  return;
                }
                Workflow.newActivityStub(
                        ReplicatedItemActivities.class,
                        ActivityPolicies.release(
                            "Mark "
                                + checked.vm()
                                + " "
                                + job.operation().failed()
                                + ", ready for a re-run"))
                    .releaseFailedItem(operation);
              } catch (ActivityFailure gaveUp) {
                unreleased.add(
                    String.format(
                        "%s is still claimed by this job (%s): clear the claim with"
                            + " reprotect release %s --vault %s --force",
                        checked.vm(),
                        FailureCode.of(gaveUp.getCause()).message(),
                        checked.vm(),
                        checked.vault()));
              }
            })
        .run();
    return unreleased.isEmpty() ? null : unreleased.get(0);
  }

  private RuntimeException endWithFailure(TemporalFailure failure, String unreleased) {
    return JobEnding.withFailure(
        failure,
        unreleased != null ? unreleased : returned,
        "The job was cancelled; the item is left " + cancelledItem.apply(job.plan()),
        job);
  }
}
