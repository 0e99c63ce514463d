package dev.reprotect.azure.service;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.sim.SimulatedAzure;

/** The contract against the in-process simulator itself. */
class InProcessSimulatorContractTest extends AzureBackendContract {
  @Override
  AzureBackend open(SimulatedAzure sim) {
    return sim;
  }
}
