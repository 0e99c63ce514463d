package dev.reprotect.azure.http;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.ComputeApi;
import dev.reprotect.azure.MeteringApi;
import dev.reprotect.azure.NetworkApi;
import dev.reprotect.azure.RecoveryServicesApi;
import dev.reprotect.azure.ResourcesApi;
import dev.reprotect.azure.StorageApi;
import dev.reprotect.azure.arm.ArmPaths;
import java.net.URI;

/**
 * The backend as a client of the simulated Azure service (docs/azure-api.md): the same interface
 * as the in-process simulator, the same errors, so an activity cannot tell them apart.
 */
public final class HttpAzureBackend implements AzureBackend {
  private final ArmHttpClient client;
  private final ResourcesApi resources;
  private final NetworkApi network;
  private final StorageApi storage;
  private final ComputeApi compute;
  private final RecoveryServicesApi recoveryServices;
  private final MeteringApi metering;

  public HttpAzureBackend(URI baseUrl, String token) {
    this(baseUrl, token, ArmHttpClient.DEFAULT_RETRIES);
  }

  /**
   * A client that retries a transiently failed request up to {@code retries} times before it
   * throws (0: every failure reaches the caller at once).
   */
  public HttpAzureBackend(URI baseUrl, String token, int retries) {
    this.client = new ArmHttpClient(baseUrl, token, retries);
    this.resources = new HttpResources(client);
    this.network = new HttpNetwork(client);
    this.storage = new HttpStorage(client);
    this.compute = new HttpCompute(client);
    this.recoveryServices = new HttpRecoveryServices(client);
    this.metering = new HttpMetering(client);
  }

  @Override
  public ResourcesApi resources() {
    return resources;
  }

  @Override
  public NetworkApi network() {
    return network;
  }

  @Override
  public StorageApi storage() {
    return storage;
  }

  @Override
  public ComputeApi compute() {
    return compute;
  }

  @Override
  public RecoveryServicesApi recoveryServices() {
    return recoveryServices;
  }

  @Override
  public MeteringApi metering() {
    return metering;
  }

  @Override
  public String exportState() {
    return client.getText(ArmPaths.ADMIN_STATE.expand());
  }

  /** The service keeps running: it is not this client's to stop. */
  @Override
  public void close() {}
}
