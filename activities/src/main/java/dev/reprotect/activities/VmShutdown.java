package dev.reprotect.activities;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.PowerState;
import dev.reprotect.azure.VirtualMachine;
import java.util.Optional;

/**
 * Turns a VM off, deciding from its state when it runs: the reprotect's target VM, the failover's
 * source VM.
 */
public final class VmShutdown {
  private VmShutdown() {}

  public static TargetVmStop turnOff(AzureBackend azure, String resourceGroup, String name) {
    Optional<VirtualMachine> now = azure.compute().virtualMachine(resourceGroup, name);
    if (now.isEmpty()) {
      return TargetVmStop.Gone;
    }
    if (now.get().powerState() == PowerState.Stopped) {
      return TargetVmStop.AlreadyStopped;
    }
    azure.compute().powerOff(ActivityCaller.current(), resourceGroup, name);
    return TargetVmStop.TurnedOff;
  }
}
