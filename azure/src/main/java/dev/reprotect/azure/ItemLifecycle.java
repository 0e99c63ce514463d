package dev.reprotect.azure;

import static dev.reprotect.azure.ProtectionState.DisableFailed;
import static dev.reprotect.azure.ProtectionState.Disabling;
import static dev.reprotect.azure.ProtectionState.EnableFailed;
import static dev.reprotect.azure.ProtectionState.EnablingProtection;
import static dev.reprotect.azure.ProtectionState.FailedOver;
import static dev.reprotect.azure.ProtectionState.FailingOver;
import static dev.reprotect.azure.ProtectionState.FailoverCommitted;
import static dev.reprotect.azure.ProtectionState.FailoverFailed;
import static dev.reprotect.azure.ProtectionState.Protected;
import static dev.reprotect.azure.ProtectionState.ReprotectFailed;
import static dev.reprotect.azure.ProtectionState.Reprotecting;

import java.util.Arrays;
import java.util.Set;

/**
 * The item's state machine, the one place that decides it: each operation on an item (its {@link
 * RunningOperation#type()}) may start from the states listed, holds the item in its running state
 * while it runs, and leaves it in its succeeded or its failed state. A claim from another state is
 * refused with the operation's code and changes nothing. The backend applies the table on every
 * claim and release, so no caller can move an item another way.
 *
 * <pre>
 * operation            from                           running             succeeded          failed
 * EnableReplication    EnableFailed (or a new item)   EnablingProtection  Protected          EnableFailed
 * Failover             Protected, FailoverFailed      FailingOver         FailedOver         FailoverFailed
 * ChangeRecoveryPoint  FailedOver                     FailedOver          FailedOver         FailedOver
 * CommitFailover       FailedOver                     FailedOver          FailoverCommitted  FailedOver
 * Reprotect            FailoverCommitted,             Reprotecting        Protected          ReprotectFailed
 *                      ReprotectFailed
 * TestFailover         Protected                      Protected           Protected          Protected
 * TestFailoverCleanup  Protected                      Protected           Protected          Protected
 * Disable              Protected, FailoverCommitted,  Disabling           (removed)          DisableFailed
 *                      EnableFailed, ReprotectFailed,
 *                      DisableFailed
 * </pre>
 *
 * <p>A disable that succeeds removes the item ({@link RecoveryServicesApi#deleteReplicatedItem})
 * instead of releasing it, so it has no succeeded state. It is refused with FailoverNotCommitted
 * from FailedOver and FailoverFailed: the VM runs (or may run) from a recovery point in the other
 * region, and the points are what a change of point or a re-run needs; commit first.
 *
 * <p>A failover that fails before it made anything the item depends on (before its VM is created)
 * is released {@link #unchanged()}: Protected again, so that its replication restarts. Every other
 * operation's unchanged state is its failed state.
 *
 * <p>A drill is recorded on the item ({@link ReplicatedItem#testFailoverLive()}) by the claim of
 * its test failover, whatever becomes of that job, since its copy may be up from then on; only a
 * cleanup that succeeds ends it. While it is recorded, its cleanup is the one operation an item may
 * start: any other is refused with {@link AzureErrorCode#TestFailoverInProgress}, so a failover
 * never leaves a drill's copy behind in the region it fails over to. A cleanup with no drill
 * recorded is {@link AzureErrorCode#NoTestFailover}.
 */
public enum ItemLifecycle {
  EnableReplication(
      Set.of(EnableFailed),
      EnablingProtection,
      Protected,
      EnableFailed,
      AzureErrorCode.AlreadyEnabled),
  Failover(
      Set.of(Protected, FailoverFailed),
      FailingOver,
      FailedOver,
      FailoverFailed,
      Protected,
      AzureErrorCode.NotProtected),
  ChangeRecoveryPoint(
      Set.of(FailedOver), FailedOver, FailedOver, FailedOver, AzureErrorCode.NotFailedOver),
  CommitFailover(
      Set.of(FailedOver), FailedOver, FailoverCommitted, FailedOver, AzureErrorCode.NotFailedOver),
  Reprotect(
      Set.of(FailoverCommitted, ReprotectFailed),
      Reprotecting,
      Protected,
      ReprotectFailed,
      AzureErrorCode.FailoverNotCommitted),
  TestFailover(Set.of(Protected), Protected, Protected, Protected, AzureErrorCode.NotProtected),
  TestFailoverCleanup(
      Set.of(Protected), Protected, Protected, Protected, AzureErrorCode.NotProtected),
  Disable(
      Set.of(Protected, FailoverCommitted, EnableFailed, ReprotectFailed, DisableFailed),
      Disabling,
      null,
      DisableFailed,
      AzureErrorCode.FailoverNotCommitted);

  private final Set<ProtectionState> from;
  private final ProtectionState running;
  private final ProtectionState succeeded;
  private final ProtectionState failed;
  private final ProtectionState unchanged;
  private final AzureErrorCode refusal;

  ItemLifecycle(
      Set<ProtectionState> from,
      ProtectionState running,
      ProtectionState succeeded,
      ProtectionState failed,
      AzureErrorCode refusal) {
    this(from, running, succeeded, failed, failed, refusal);
  }

  ItemLifecycle(
      Set<ProtectionState> from,
      ProtectionState running,
      ProtectionState succeeded,
      ProtectionState failed,
      ProtectionState unchanged,
      AzureErrorCode refusal) {
    this.from = from;
    this.running = running;
    this.succeeded = succeeded;
    this.failed = failed;
    this.unchanged = unchanged;
    this.refusal = refusal;
  }

  /** The row of an operation type; an unknown type is InvalidParameter. */
  public static ItemLifecycle of(String operationType) {
    return Arrays.stream(values())
        .filter(row -> row.name().equals(operationType))
        .findFirst()
        .orElseThrow(
            () ->
                new AzureException(
                    AzureErrorCode.InvalidParameter,
                    "no operation "
                        + operationType
                        + " on an item; the operations are "
                        + Arrays.toString(values())));
  }

  public ProtectionState running() {
    return running;
  }

  /** The state a run that succeeded leaves; null for a disable, which removes the item. */
  public ProtectionState succeeded() {
    return succeeded;
  }

  public ProtectionState failed() {
    return failed;
  }

  /** The state a run that failed before it changed anything the item depends on leaves. */
  public ProtectionState unchanged() {
    return unchanged;
  }

  /**
   * The item claimed by {@code operation} into {@code newState}, as {@link #checkClaim} allows: a
   * test failover's claim records its drill.
   */
  public ReplicatedItem claimed(
      ReplicatedItem item, RunningOperation operation, ProtectionState newState) {
    checkClaim(item, operation, newState);
    ReplicatedItem claimed = item.withRunningOperation(operation, newState);
    return this == TestFailover ? claimed.withTestFailoverLive(true) : claimed;
  }

  /**
   * Refuses {@code operation}'s claim of {@code item} into {@code newState} unless the table allows
   * it: from one of its states, or from its running state when an earlier run of the same operation
   * id left the claim being taken over; and unless the item's drill allows it.
   */
  public void checkClaim(
      ReplicatedItem item, RunningOperation operation, ProtectionState newState) {
    if (newState != running) {
      throw new AzureException(
          AzureErrorCode.InvalidParameter,
          "a " + name() + " holds the item " + running + ", not " + newState);
    }
    RunningOperation held = item.runningOperation();
    boolean takeOver = held != null && held.id().equals(operation.id()) && item.state() == running;
    if (!from.contains(item.state()) && !takeOver) {
      throw new AzureException(
          refusalFor(item.state()),
          String.format(
              "%s is %s: a %s starts only from %s; nothing was changed",
              item.name(), item.state(), name(), from));
    }
    if (!takeOver) {
      checkDrill(item);
    }
  }

  /** Refuses any operation but a cleanup while a drill is recorded, and a cleanup without one. */
  private void checkDrill(ReplicatedItem item) {
    if (this == TestFailoverCleanup && !item.testFailoverLive()) {
      throw new AzureException(
          AzureErrorCode.NoTestFailover,
          item.name() + " has no test failover to clean up; nothing was changed");
    }
    if (this != TestFailoverCleanup && item.testFailoverLive()) {
      throw new AzureException(
          AzureErrorCode.TestFailoverInProgress,
          String.format(
              "a test"
                  + " failover of %s is live: clean it up with test-failover-cleanup before a %s;"
                  + " nothing was changed",
              item.name(), name()));
    }
  }

  /** Refuses a release into a state that is none of this operation's endings. */
  public void checkRelease(ProtectionState newState) {
    if (newState != succeeded && newState != failed && newState != unchanged) {
      throw new AzureException(
          AzureErrorCode.InvalidParameter,
          "a "
              + name()
              + " ends "
              + succeeded
              + " or "
              + failed
              + (unchanged == failed ? "" : " (" + unchanged + " when it changed nothing)")
              + ", not "
              + newState);
    }
  }

  private AzureErrorCode refusalFor(ProtectionState state) {
    return this == Reprotect && state == Protected ? AzureErrorCode.AlreadyProtected : refusal;
  }
}
