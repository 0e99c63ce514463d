package dev.reprotect.azure.service;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.sim.SimulatedAzure;

/** The item's state machine through HTTP: HttpAzureBackend -> AzureService -> the simulator. */
class HttpItemLifecycleContractTest extends ItemLifecycleContract {
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
