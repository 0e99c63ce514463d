package dev.reprotect.azure.http;

import dev.reprotect.azure.ProviderBackend;
import dev.reprotect.azure.arm.ArmPaths;
import java.net.URI;

/**
 * The backend as a client of the simulated Azure service (docs/azure-api.md): the same interface as
 * the in-process simulator, the same errors, so an activity cannot tell them apart.
 */
public final class HttpAzureBackend extends ProviderBackend {
  private final ArmHttpClient client;

  public HttpAzureBackend(URI baseUrl, String token) {
    this(baseUrl, token, ArmHttpClient.DEFAULT_RETRIES);
  }

  /**
   * A client that retries a transiently failed request up to {@code retries} times before it throws
   * (0: every failure reaches the caller at once).
   */
  public HttpAzureBackend(URI baseUrl, String token, int retries) {
    this(new ArmHttpClient(baseUrl, token, retries));
  }

  private HttpAzureBackend(ArmHttpClient client) {
    super(
        new HttpResources(client),
        new HttpNetwork(client),
        new HttpStorage(client),
        new HttpCompute(client),
        new HttpRecoveryServices(client),
        new HttpMetering(client),
        new HttpGuestWorkload(client),
        new HttpLongOperations(client));
    this.client = client;
  }

  @Override
  public String exportState() {
    return client.getText(ArmPaths.ADMIN_STATE.expand());
  }

  /** The service keeps running: it is not this client's to stop. */
  @Override
  public void close() {}
}
