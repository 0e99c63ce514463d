package dev.reprotect.azure.service;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.sim.SimulatedAzure;

/** Cuts, guests and points against the in-process simulator itself. */
class InProcessCutsContractTest extends CutsContract {
  @Override
  AzureBackend open(SimulatedAzure sim) {
    return sim;
  }
}
