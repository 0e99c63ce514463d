package dev.reprotect.azure;

/**
 * The Azure backend as the activities see it, grouped by resource provider as Azure Resource
 * Manager groups it. The in-process simulator implements it; an HTTP client of the simulator
 * service or a real Azure adapter can take its place without touching an activity.
 */
public interface AzureBackend extends AutoCloseable {

  ResourcesApi resources();

  NetworkApi network();

  StorageApi storage();

  ComputeApi compute();

  /** The operations that run for minutes, begun and then polled. */
  LongOperationsApi longOperations();

  RecoveryServicesApi recoveryServices();

  /** The guests of the VMs: their writes to their disks (a simulator feature). */
  GuestWorkloadApi workload();

  /** Bytes metered across regions and the log of every mutating operation applied. */
  MeteringApi metering();

  /**
   * The backend's logical state (resources, flags and disk contents by checksum) in a canonical
   * text form, so that two states compare equal exactly when the worlds are the same.
   */
  String exportState();

  @Override
  void close();
}
