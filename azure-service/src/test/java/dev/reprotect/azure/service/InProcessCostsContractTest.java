package dev.reprotect.azure.service;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.sim.SimulatedAzure;

/** Charges and meters against the in-process simulator itself. */
class InProcessCostsContractTest extends CostsContract {
  @Override
  AzureBackend open(SimulatedAzure sim) {
    return sim;
  }
}
