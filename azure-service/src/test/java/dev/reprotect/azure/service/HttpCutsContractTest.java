package dev.reprotect.azure.service;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.sim.SimulatedAzure;

/** Cuts, guests and points through HTTP: HttpAzureBackend -> AzureService -> the simulator. */
class HttpCutsContractTest extends CutsContract {
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
