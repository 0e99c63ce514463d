package dev.reprotect.azure.service;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.sim.SimulatedAzure;

/** The item's state machine against the in-process simulator itself. */
class InProcessItemLifecycleContractTest extends ItemLifecycleContract {
  @Override
  AzureBackend open(SimulatedAzure sim) {
    return sim;
  }
}
