package dev.reprotect.azure;

import java.util.Optional;

/** Microsoft.Network: virtual networks, and the vault's network mapping of a region pair. */
public interface NetworkApi {
  Optional<VirtualNetwork> virtualNetwork(String resourceGroup, String name);

  VirtualNetwork createVirtualNetwork(Caller caller, VirtualNetwork network);

  /**
   * Deletes a network; deleting what is gone succeeds. A network a VM is on is {@link
   * AzureErrorCode#Conflict}, and nothing changes: a test failover's cleanup removes its own
   * network only once its VM is gone.
   */
  void deleteVirtualNetwork(Caller caller, String resourceGroup, String name);

  /** The mapping of a network of the source region to its network in the target region. */
  Optional<NetworkMapping> networkMapping(
      String sourceRegion, String sourceNetworkId, String targetRegion);

  NetworkMapping createNetworkMapping(Caller caller, NetworkMapping mapping);

  void deleteNetworkMapping(
      Caller caller, String sourceRegion, String sourceNetworkId, String targetRegion);
}
