package dev.reprotect.azure.service;

import dev.reprotect.azure.http.HttpAzureBackend;
import dev.reprotect.azure.sim.SimulatedAzure;
import java.net.URI;

/** A simulator served on a free port, and an HTTP client of it: the contracts' HTTP backend. */
record ServedSimulator(AzureService service, HttpAzureBackend backend) implements AutoCloseable {
  static final String TOKEN = "contract-token";

  static ServedSimulator serve(SimulatedAzure sim) {
    AzureService service = AzureService.start(0, TOKEN, sim);
    // Without the client's own retries: each error of the simulator must reach the caller as it
    // is (the retries are FaultPolicyTest's).
    return new ServedSimulator(
        service, new HttpAzureBackend(URI.create("http://127.0.0.1:" + service.port()), TOKEN, 0));
  }

  @Override
  public void close() {
    backend.close();
    service.close();
  }
}
