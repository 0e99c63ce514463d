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
    return new HttpAzureBackend(URI.create("http://127.0.0.1:" + service.port()), "contract-token");
  }

  @Override
  void closeBackend() {
    azure.close();
    service.close();
  }
}
