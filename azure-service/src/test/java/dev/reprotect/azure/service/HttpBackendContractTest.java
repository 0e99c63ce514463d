package dev.reprotect.azure.service;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.sim.SimulatedAzure;

/** The contract through HTTP: HttpAzureBackend -> AzureService -> the simulator. */
class HttpBackendContractTest extends AzureBackendContract {
  private ServedSimulator served;

  @Override
  AzureBackend open(SimulatedAzure sim) {
    served = ServedSimulator.serve(sim);
    return served.backend();
  }

  @Override
  void closeBackend() {
    served.close();
  }
}
