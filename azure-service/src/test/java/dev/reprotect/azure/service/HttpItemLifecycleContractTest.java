package dev.reprotect.azure.service;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.sim.SimulatedAzure;

/** The item's state machine through HTTP: HttpAzureBackend -> AzureService -> the simulator. */
class HttpItemLifecycleContractTest extends ItemLifecycleContract {
  @Override
  AzureBackend open(SimulatedAzure sim) {
    return overHttp(sim);
  }
}
