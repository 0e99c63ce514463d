package dev.reprotect.azure;

import java.util.List;
import java.util.Optional;

/** Microsoft.Resources: regions and resource groups. */
public interface ResourcesApi {
  List<Region> regions();

  Optional<Region> region(String name);

  /** Switches a region's availability: the simulator's outage switch. */
  void setRegionAvailable(Caller caller, String region, boolean available);

  Optional<ResourceGroup> resourceGroup(String name);

  /** Create-or-update: the same request again returns the existing group. */
  ResourceGroup createResourceGroup(Caller caller, ResourceGroup group);

  /**
   * Deletes an empty resource group; deleting what is gone succeeds. A group that still holds a
   * resource (a VM, a storage account, an availability set, a network) is a {@link
   * AzureErrorCode#Conflict} and stays, where Azure would delete everything in it.
   */
  void deleteResourceGroup(Caller caller, String name);
}
