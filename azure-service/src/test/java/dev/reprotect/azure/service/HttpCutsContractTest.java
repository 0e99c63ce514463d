package dev.reprotect.azure.service;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.sim.SimulatedAzure;

/** Cuts, guests and points through HTTP: HttpAzureBackend -> AzureService -> the simulator. */
class HttpCutsContractTest extends CutsContract {
  @Override
  AzureBackend open(SimulatedAzure sim) {
    return overHttp(sim);
  }
}
