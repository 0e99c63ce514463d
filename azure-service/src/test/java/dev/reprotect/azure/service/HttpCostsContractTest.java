package dev.reprotect.azure.service;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.sim.SimulatedAzure;

/** Charges and meters through HTTP: HttpAzureBackend -> AzureService -> the simulator. */
class HttpCostsContractTest extends CostsContract {
  @Override
  AzureBackend open(SimulatedAzure sim) {
    return overHttp(sim);
  }
}
