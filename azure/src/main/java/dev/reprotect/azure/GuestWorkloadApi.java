package dev.reprotect.azure;

import java.time.Duration;
import java.util.Optional;

/**
 * The guests of the simulated VMs: what they write to their disks, and their agent's hold of those
 * writes. The writes are a simulator feature, not an Azure API: they are not control-plane
 * operations, so the activity log leaves them out. The hold is what the reference product's in-VM
 * agent does to mark a consistent point of a VM's unmanaged disks.
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
   * The guest agent holds the VM's writes (the guest's writes wait) until {@link #releaseWrites}
   * or, at the latest, {@code limit} from now (capped by the agent, like VSS's freeze limit), so
   * that snapshots of its disks taken meanwhile show one instant. With {@code quiesce} the guest's
   * applications are asked to flush first: {@link WriteHold#quiesced()} says whether they
   * acknowledged it. The same {@code holdId} again returns that hold as it is; another one while a
   * hold is in effect is a {@link AzureErrorCode#Conflict}. A VM that does not run writes nothing:
   * its hold is granted at once, unquiesced. An agent that does not answer in time is {@link
   * AzureErrorCode#GuestAgentUnresponsive}, after the wait for it.
   */
  WriteHold holdWrites(
      Caller caller,
      String resourceGroup,
      String vm,
      String holdId,
      Duration limit,
      boolean quiesce);

  /**
   * Ends the hold: {@link WriteHold.State#Released} when it was still in effect, {@link
   * WriteHold.State#Expired} when its limit passed first. An unknown hold is ResourceNotFound.
   */
  WriteHold releaseWrites(Caller caller, String resourceGroup, String vm, String holdId);

  /** The agent's record of a hold, as it is now. */
  Optional<WriteHold> writeHold(String resourceGroup, String vm, String holdId);
}
