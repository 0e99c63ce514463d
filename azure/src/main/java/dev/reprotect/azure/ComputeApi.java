package dev.reprotect.azure;

import java.util.List;
import java.util.Optional;

/** Microsoft.Compute: virtual machines and availability sets. */
public interface ComputeApi {
  Optional<VirtualMachine> virtualMachine(String resourceGroup, String name);

  /** The VMs of a region with that name, in whatever resource group they are. */
  List<VirtualMachine> virtualMachinesNamed(String region, String name);

  VirtualMachine createVirtualMachine(Caller caller, VirtualMachine vm);

  /** Stops (deallocates) a VM; a stopped VM stays as it is. */
  VirtualMachine powerOff(Caller caller, String resourceGroup, String name);

  VirtualMachine start(Caller caller, String resourceGroup, String name);

  /** Deletes a VM and the blobs of its disks; deleting what is gone succeeds. */
  void deleteVirtualMachine(Caller caller, String resourceGroup, String name);

  Optional<AvailabilitySet> availabilitySet(String resourceGroup, String name);

  /** The availability sets of a region with that name, in whatever resource group they are. */
  List<AvailabilitySet> availabilitySetsNamed(String region, String name);

  AvailabilitySet createAvailabilitySet(Caller caller, AvailabilitySet set);

  /**
   * Deletes an availability set no VM is in, as Azure does; deleting what is gone succeeds. A set
   * with a VM in it is a {@link AzureErrorCode#Conflict}.
   */
  void deleteAvailabilitySet(Caller caller, String resourceGroup, String name);
}
