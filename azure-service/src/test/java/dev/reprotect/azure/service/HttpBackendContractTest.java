package dev.reprotect.azure.service;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.http.HttpAzureBackend;
import dev.reprotect.azure.sim.SimulatedAzure;
import java.net.URI;

/** The contract through HTTP: HttpAzureBackend -> AzureService -> the simulator. */
class HttpBackendContractTest extends AzureBackendContract {
  private AzureService service;

  @Override
  AzureBackend open(SimulatedAzure sim) {
    service = AzureService.start(0, "contract-token", sim);
    // Without the client's own retries: each error of the simulator must reach the caller as it
    // is (the retries are FaultPolicyTest's).
    return new HttpAzureBackend(URI.create("http://127.0.0.1:" + service.port()), "contract-token",
        0);
  }

  @Override
  void closeBackend() {
    azure.close();
    service.close();
  }
}
