package dev.reprotect.azure;

/** A backend made of its providers' APIs: what every implementation hands out the same way. */
public abstract class ProviderBackend implements AzureBackend {
  private final ResourcesApi resources;
  private final NetworkApi network;
  private final StorageApi storage;
  private final ComputeApi compute;
  private final RecoveryServicesApi recoveryServices;
  private final MeteringApi metering;
  private final GuestWorkloadApi workload;
  private final LongOperationsApi longOperations;

  protected ProviderBackend(
      ResourcesApi resources,
      NetworkApi network,
      StorageApi storage,
      ComputeApi compute,
      RecoveryServicesApi recoveryServices,
      MeteringApi metering,
      GuestWorkloadApi workload,
      LongOperationsApi longOperations) {
    this.resources = resources;
    this.network = network;
    this.storage = storage;
    this.compute = compute;
    this.recoveryServices = recoveryServices;
    this.metering = metering;
    this.workload = workload;
    this.longOperations = longOperations;
  }

  @Override
  public final ResourcesApi resources() {
    return resources;
  }

  @Override
  public final NetworkApi network() {
    return network;
  }

  @Override
  public final StorageApi storage() {
    return storage;
  }

  @Override
  public final ComputeApi compute() {
    return compute;
  }

  @Override
  public final LongOperationsApi longOperations() {
    return longOperations;
  }

  @Override
  public final RecoveryServicesApi recoveryServices() {
    return recoveryServices;
  }

  @Override
  public final MeteringApi metering() {
    return metering;
  }

  @Override
  public final GuestWorkloadApi workload() {
    return workload;
  }
}
