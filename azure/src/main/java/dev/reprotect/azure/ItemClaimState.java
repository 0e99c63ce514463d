package dev.reprotect.azure;

/**
 * What a claim compares and sets: the item's protection state and its running operation (null when
 * none), as a check saw them.
 */
public record ItemClaimState(ProtectionState state, RunningOperation runningOperation) {
  public static ItemClaimState of(ReplicatedItem item) {
    return new ItemClaimState(item.state(), item.runningOperation());
  }

  /** Whether {@code item} is still as this state saw it; the claim's start time aside. */
  public boolean matches(ReplicatedItem item) {
    RunningOperation running = item.runningOperation();
    return item.state() == state
        && (running == null ? runningOperation == null : running.isSameRun(runningOperation));
  }
}
