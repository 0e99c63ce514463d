package dev.reprotect.azure.service;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.sim.SimulatedAzure;

/** The contract through HTTP: HttpAzureBackend -> AzureService -> the simulator. */
class HttpBackendContractTest extends AzureBackendContract {
  @Override
  AzureBackend open(SimulatedAzure sim) {
    return overHttp(sim);
  }
}
