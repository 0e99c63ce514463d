package dev.reprotect.azure.sim;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.NetworkApi;
import dev.reprotect.azure.NetworkMapping;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VirtualNetwork;
import java.util.List;
import java.util.Optional;

final class SimNetwork implements NetworkApi {
  private final World world;

  SimNetwork(World world) {
    this.world = world;
  }

  @Override
  public Optional<VirtualNetwork> virtualNetwork(String resourceGroup, String name) {
    world.enter(null, "virtualNetwork");
    synchronized (world) {
      return Optional.ofNullable(world.networks.get(World.scopedKey(resourceGroup, name)));
    }
  }

  @Override
  public VirtualNetwork createVirtualNetwork(Caller caller, VirtualNetwork network) {
    world.enter(caller, "createVirtualNetwork", network.location());
    return world.mutate(
        () -> {
          SimResources.requireResourceGroup(world, network.resourceGroup());
          String key = World.scopedKey(network.resourceGroup(), network.name());
          VirtualNetwork existing = world.networks.get(key);
          if (existing != null) {
            if (!existing.location().equals(network.location())) {
              throw new AzureException(
                  AzureErrorCode.Conflict,
                  "virtual network " + network.name() + " exists in " + existing.location());
            }
            return existing;
          }
          world.networks.put(key, network);
          world.log.append("Microsoft.Network/virtualNetworks/write", network.id(), caller);
          return network;
        });
  }

  @Override
  public void deleteVirtualNetwork(Caller caller, String resourceGroup, String name) {
    world.enter(caller, "deleteVirtualNetwork");
    world.mutate(
        () -> {
          String key = World.scopedKey(resourceGroup, name);
          VirtualNetwork network = world.networks.get(key);
          if (network == null) {
            return;
          }
          List<String> onIt =
              world.virtualMachines.values().stream()
                  .filter(vm -> network.id().equalsIgnoreCase(vm.networkId()))
                  .map(VirtualMachine::id)
                  .toList();
          if (!onIt.isEmpty()) {
            throw new AzureException(
                AzureErrorCode.Conflict,
                "virtual network " + name + " is in use by " + onIt + "; nothing was deleted");
          }
          world.networks.remove(key);
          world.log.append("Microsoft.Network/virtualNetworks/delete", network.id(), caller);
        });
  }

  @Override
  public Optional<NetworkMapping> networkMapping(
      String sourceRegion, String sourceNetworkId, String targetRegion) {
    world.enter(null, "networkMapping");
    synchronized (world) {
      return Optional.ofNullable(
          world.networkMappings.get(mappingKey(sourceRegion, sourceNetworkId, targetRegion)));
    }
  }

  @Override
  public NetworkMapping createNetworkMapping(Caller caller, NetworkMapping mapping) {
    world.enter(caller, "createNetworkMapping");
    return world.mutate(
        () -> {
          String key =
              mappingKey(mapping.sourceRegion(), mapping.sourceNetworkId(), mapping.targetRegion());
          if (!mapping.equals(world.networkMappings.get(key))) {
            world.networkMappings.put(key, mapping);
            world.log.append(
                "Microsoft.RecoveryServices/replicationNetworkMappings/write",
                "/networkMappings/" + key,
                caller);
          }
          return mapping;
        });
  }

  @Override
  public void deleteNetworkMapping(
      Caller caller, String sourceRegion, String sourceNetworkId, String targetRegion) {
    world.enter(caller, "deleteNetworkMapping");
    world.mutate(
        () -> {
          String key = mappingKey(sourceRegion, sourceNetworkId, targetRegion);
          if (world.networkMappings.remove(key) != null) {
            world.log.append(
                "Microsoft.RecoveryServices/replicationNetworkMappings/delete",
                "/networkMappings/" + key,
                caller);
          }
        });
  }

  private static String mappingKey(
      String sourceRegion, String sourceNetworkId, String targetRegion) {
    return sourceRegion + ">" + targetRegion + ":" + sourceNetworkId.toLowerCase();
  }
}
