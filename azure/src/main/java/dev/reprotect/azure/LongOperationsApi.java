package dev.reprotect.azure;

/**
 * The operations that run for minutes (a VM's deletion, a whole blob's copy), begun and then
 * polled, as ARM runs them: the caller stays in control while it waits (an activity heartbeats
 * between two polls) and a caller that died finds the operation again by its id.
 */
public interface LongOperationsApi {
  /** Begins what {@link ComputeApi#deleteVirtualMachine} does. */
  LongOperation beginDeleteVirtualMachine(Caller caller, String resourceGroup, String name);

  /** Begins what {@link StorageApi#copyBlob} does. */
  LongOperation beginCopyBlob(Caller caller, BlobRef from, BlobRef to);

  /** The operation's state; one that failed throws the error it failed with. */
  LongOperation.State state(LongOperation operation);
}
