package dev.reprotect.workflows.reprotect;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.ComputeApi;
import dev.reprotect.azure.GuestWorkloadApi;
import dev.reprotect.azure.LongOperationsApi;
import dev.reprotect.azure.MeteringApi;
import dev.reprotect.azure.NetworkApi;
import dev.reprotect.azure.RecoveryServicesApi;
import dev.reprotect.azure.ResourcesApi;
import dev.reprotect.azure.StorageApi;

/** A backend that is another one but for its long-running operations, which a test shapes. */
final class LensedBackend implements AzureBackend {
  private final AzureBackend backend;
  private final LongOperationsApi longOperations;

  LensedBackend(AzureBackend backend, LongOperationsApi longOperations) {
    this.backend = backend;
    this.longOperations = longOperations;
  }

  @Override
  public ResourcesApi resources() {
    return backend.resources();
  }

  @Override
  public NetworkApi network() {
    return backend.network();
  }

  @Override
  public StorageApi storage() {
    return backend.storage();
  }

  @Override
  public ComputeApi compute() {
    return backend.compute();
  }

  @Override
  public LongOperationsApi longOperations() {
    return longOperations;
  }

  @Override
  public RecoveryServicesApi recoveryServices() {
    return backend.recoveryServices();
  }

  @Override
  public GuestWorkloadApi workload() {
    return backend.workload();
  }

  @Override
  public MeteringApi metering() {
    return backend.metering();
  }

  @Override
  public String exportState() {
    return backend.exportState();
  }

  @Override
  public void close() {
    // The fixture closes the backend it lent.
  }
}
