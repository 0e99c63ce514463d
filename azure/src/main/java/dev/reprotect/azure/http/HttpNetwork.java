package dev.reprotect.azure.http;

import dev.reprotect.azure.Caller;
import dev.reprotect.azure.NetworkApi;
import dev.reprotect.azure.NetworkMapping;
import dev.reprotect.azure.VirtualNetwork;
import dev.reprotect.azure.arm.ArmPaths;
import dev.reprotect.azure.arm.NetworkJson;
import java.util.Optional;

final class HttpNetwork implements NetworkApi {
  private final ArmHttpClient client;

  HttpNetwork(ArmHttpClient client) {
    this.client = client;
  }

  @Override
  public Optional<VirtualNetwork> virtualNetwork(String resourceGroup, String name) {
    return client
        .find(ArmPaths.VIRTUAL_NETWORK, resourceGroup, name)
        .map(NetworkJson::virtualNetwork);
  }

  @Override
  public VirtualNetwork createVirtualNetwork(Caller caller, VirtualNetwork network) {
    return NetworkJson.virtualNetwork(
        client.put(
            caller,
            ArmPaths.VIRTUAL_NETWORK.expand(network.resourceGroup(), network.name()),
            NetworkJson.virtualNetwork(network)));
  }

  @Override
  public void deleteVirtualNetwork(Caller caller, String resourceGroup, String name) {
    client.delete(caller, ArmPaths.VIRTUAL_NETWORK, resourceGroup, name);
  }

  @Override
  public Optional<NetworkMapping> networkMapping(
      String sourceRegion, String sourceNetworkId, String targetRegion) {
    return client
        .find(mappingPath(sourceRegion, sourceNetworkId, targetRegion))
        .map(NetworkJson::networkMapping);
  }

  @Override
  public NetworkMapping createNetworkMapping(Caller caller, NetworkMapping mapping) {
    return NetworkJson.networkMapping(
        client.put(
            caller, ArmPaths.NETWORK_MAPPINGS.expand(), NetworkJson.networkMapping(mapping)));
  }

  @Override
  public void deleteNetworkMapping(
      Caller caller, String sourceRegion, String sourceNetworkId, String targetRegion) {
    client.delete(caller, mappingPath(sourceRegion, sourceNetworkId, targetRegion));
  }

  private static String mappingPath(
      String sourceRegion, String sourceNetworkId, String targetRegion) {
    return ArmPaths.NETWORK_MAPPINGS.expand()
        + ArmPaths.query(
            "sourceRegion",
            sourceRegion,
            "sourceNetworkId",
            sourceNetworkId,
            "targetRegion",
            targetRegion);
  }
}
