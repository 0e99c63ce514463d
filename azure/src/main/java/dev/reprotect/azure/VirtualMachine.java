package dev.reprotect.azure;

import java.util.ArrayList;
import java.util.List;

public record VirtualMachine(
    String resourceGroup,
    String name,
    String location,
    PowerState powerState,
    VmDisk osDisk,
    List<VmDisk> dataDisks,
    String networkId,
    String availabilitySet) {

  public VirtualMachine {
    dataDisks = List.copyOf(dataDisks);
  }

  public String id() {
    return ResourceIds.virtualMachine(resourceGroup, name);
  }

  public List<VmDisk> disks() {
    List<VmDisk> all = new ArrayList<>(dataDisks.size() + 1);
    all.add(osDisk);
    all.addAll(dataDisks);
    return all;
  }

  public VirtualMachine withPowerState(PowerState state) {
    return new VirtualMachine(
        resourceGroup, name, location, state, osDisk, dataDisks, networkId, availabilitySet);
  }
}
