package dev.reprotect.azure.arm;

import static dev.reprotect.azure.arm.ArmJson.requireObject;
import static dev.reprotect.azure.arm.ArmJson.requireText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprotect.azure.NetworkMapping;
import dev.reprotect.azure.VirtualNetwork;

/** Microsoft.Network's virtual networks, and the vault's network mappings (our own shape). */
public final class NetworkJson {
  private NetworkJson() {}

  public static ObjectNode virtualNetwork(VirtualNetwork network) {
    ObjectNode out =
        ArmJson.resource(
            network.id(), network.name(), "Microsoft.Network/virtualNetworks", network.location());
    ArmJson.properties(out);
    return out;
  }

  public static VirtualNetwork virtualNetwork(JsonNode node, String resourceGroup, String name) {
    return new VirtualNetwork(resourceGroup, name, requireText(node, "location"));
  }

  public static VirtualNetwork virtualNetwork(JsonNode node) {
    String id = requireText(node, "id");
    return virtualNetwork(node, ArmIds.resourceGroupOf(id), requireText(node, "name"));
  }

  public static ObjectNode networkMapping(NetworkMapping mapping) {
    ObjectNode out = ArmJson.object();
    out.put("type", "Microsoft.RecoveryServices/replicationNetworkMappings");
    ObjectNode properties = ArmJson.properties(out);
    properties.put("sourceRegion", mapping.sourceRegion());
    properties.put("sourceNetworkId", mapping.sourceNetworkId());
    properties.put("targetRegion", mapping.targetRegion());
    properties.put("targetNetworkId", mapping.targetNetworkId());
    return out;
  }

  public static NetworkMapping networkMapping(JsonNode node) {
    JsonNode properties = requireObject(node, "properties");
    return new NetworkMapping(
        requireText(properties, "sourceRegion"),
        requireText(properties, "sourceNetworkId"),
        requireText(properties, "targetRegion"),
        requireText(properties, "targetNetworkId"));
  }
}
