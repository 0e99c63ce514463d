package dev.reprotect.azure;

import java.util.Optional;

/**
 * The guests of the simulated VMs: what they write to their disks. A simulator feature, not an
 * Azure API: guest writes are not control-plane operations, so the activity log leaves them out.
 */
public interface GuestWorkloadApi {
  /**
   * The running VM's guest writes one whole block of its disk in {@code slot} (a block of zeros
   * clears it). A VM that does not run is a {@link AzureErrorCode#Conflict}.
   */
  void write(String resourceGroup, String vm, String slot, long block, byte[] data);

  /**
   * The guest starts writing to every disk at the spec's rate, paced by simulated time, until
   * stopped. The same spec again changes nothing; another spec replaces the running one.
   */
  void startChurn(String resourceGroup, String vm, ChurnSpec spec);

  /** Stops the churn; once this returns, the guest writes no more. Stopping none succeeds. */
  void stopChurn(String resourceGroup, String vm);

  Optional<ChurnStatus> churn(String resourceGroup, String vm);

  /**
   * Asks the guest to flush and pause its writes for a moment, so that the next cut is
   * app-consistent: the churn holds its writes until a cut of the VM is taken or 30 s pass.
   * False when the VM does not run.
   */
  boolean quiesce(String resourceGroup, String vm);
}
