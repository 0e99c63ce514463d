package dev.reprotect.azure.sim;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.NameRules;
import dev.reprotect.azure.Region;
import dev.reprotect.azure.ResourceGroup;
import dev.reprotect.azure.ResourceIds;
import dev.reprotect.azure.ResourcesApi;
import java.util.List;
import java.util.Optional;

final class SimResources implements ResourcesApi {
  private final World world;

  SimResources(World world) {
    this.world = world;
  }

  @Override
  public List<Region> regions() {
    world.enter(null, "regions");
    synchronized (world) {
      return List.copyOf(world.regions.values());
    }
  }

  @Override
  public Optional<Region> region(String name) {
    world.enter(null, "region");
    synchronized (world) {
      return Optional.ofNullable(world.regions.get(name));
    }
  }

  @Override
  public void setRegionAvailable(Caller caller, String region, boolean available) {
    world.enter(caller, "setRegionAvailable");
    world.mutate(
        () -> {
          Region known = world.regions.get(region);
          if (known == null) {
            throw AzureException.notFound("region " + region);
          }
          if (known.available() != available) {
            world.regions.put(region, new Region(region, available));
            world.log.append(
                "Microsoft.Resources/locations/" + (available ? "recover" : "outage") + "/action",
                "/locations/" + region,
                caller);
          }
        });
  }

  @Override
  public Optional<ResourceGroup> resourceGroup(String name) {
    world.enter(null, "resourceGroup");
    synchronized (world) {
      return Optional.ofNullable(world.resourceGroups.get(name.toLowerCase()));
    }
  }

  @Override
  public ResourceGroup createResourceGroup(Caller caller, ResourceGroup group) {
    if (!NameRules.isValidResourceGroupName(group.name())) {
      throw new AzureException(
          AzureErrorCode.InvalidResourceName, "invalid resource group name " + group.name());
    }
    world.enter(caller, "createResourceGroup", group.location());
    return world.mutate(
        () -> {
          ResourceGroup existing = world.resourceGroups.get(group.name().toLowerCase());
          if (existing != null) {
            if (!existing.location().equals(group.location())) {
              throw new AzureException(
                  AzureErrorCode.Conflict,
                  "resource group "
                      + group.name()
                      + " exists in "
                      + existing.location()
                      + ", not "
                      + group.location());
            }
            return existing;
          }
          world.resourceGroups.put(group.name().toLowerCase(), group);
          world.log.append(
              "Microsoft.Resources/resourceGroups/write",
              ResourceIds.resourceGroup(group.name()),
              caller);
          return group;
        });
  }

  @Override
  public void deleteResourceGroup(Caller caller, String name) {
    ResourceGroup found;
    synchronized (world) {
      found = world.resourceGroups.get(name.toLowerCase());
    }
    if (found == null) {
      return;
    }
    world.enter(caller, "deleteResourceGroup", found.location());
    world.mutate(
        () -> {
          if (world.resourceGroups.get(name.toLowerCase()) == null) {
            return;
          }
          boolean holdsResources =
              world.storageAccounts.values().stream()
                      .anyMatch(account -> account.resourceGroup().equalsIgnoreCase(name))
                  || world.virtualMachines.values().stream()
                      .anyMatch(vm -> vm.resourceGroup().equalsIgnoreCase(name))
                  || world.availabilitySets.values().stream()
                      .anyMatch(set -> set.resourceGroup().equalsIgnoreCase(name))
                  || world.networks.values().stream()
                      .anyMatch(network -> network.resourceGroup().equalsIgnoreCase(name));
          if (holdsResources) {
            throw new AzureException(
                AzureErrorCode.Conflict,
                "resource group " + name + " still holds resources; it stays");
          }
          world.resourceGroups.remove(name.toLowerCase());
          world.log.append(
              "Microsoft.Resources/resourceGroups/delete",
              ResourceIds.resourceGroup(found.name()),
              caller);
        });
  }

  static void requireResourceGroup(World world, String name) {
    if (!world.resourceGroups.containsKey(name.toLowerCase())) {
      throw AzureException.notFound("resource group " + name);
    }
  }
}
