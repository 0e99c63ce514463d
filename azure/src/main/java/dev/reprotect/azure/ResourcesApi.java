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
}
