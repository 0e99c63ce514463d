package dev.reprotect.azure;

import java.util.List;
import java.util.Optional;

/** Microsoft.Compute: virtual machines, availability sets and cuts of a VM's disks. */
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
   * An atomic snapshot of all the VM's disks at one instant, copy-on-write: the snapshot blobs
   * (container {@code cuts} of each disk's storage account, blob {@code <vm>.<cutId>.<slot>.vhd})
   * share the disks' blocks. The same {@code cutId} again returns the existing cut.
   */
  VmCut createCut(Caller caller, String resourceGroup, String vm, String cutId);

  Optional<VmCut> cut(String resourceGroup, String vm, String cutId);

  /** The VM's cuts, oldest first. */
  List<VmCut> cuts(String resourceGroup, String vm);

  /** Deletes a cut and its snapshot blobs; deleting what is gone succeeds. */
  void deleteCut(Caller caller, String resourceGroup, String vm, String cutId);
}
