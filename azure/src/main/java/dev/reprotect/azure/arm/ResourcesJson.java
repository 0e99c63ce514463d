package dev.reprotect.azure.arm;

import static dev.reprotect.azure.arm.ArmJson.requireBoolean;
import static dev.reprotect.azure.arm.ArmJson.requireText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprotect.azure.Region;
import dev.reprotect.azure.ResourceGroup;
import dev.reprotect.azure.ResourceIds;

/** Microsoft.Resources: locations (with the simulator's availability) and resource groups. */
public final class ResourcesJson {
  private ResourcesJson() {}

  public static ObjectNode region(Region region) {
    ObjectNode out = ArmJson.resource("/locations/" + region.name(), region.name(), "Region", null);
    out.put("displayName", region.name());
    out.put("available", region.available());
    return out;
  }

  public static Region region(JsonNode node) {
    return new Region(requireText(node, "name"), requireBoolean(node, "available"));
  }

  public static ObjectNode resourceGroup(ResourceGroup group) {
    ObjectNode out =
        ArmJson.resource(
            ResourceIds.resourceGroup(group.name()),
            group.name(),
            "Microsoft.Resources/resourceGroups",
            group.location());
    ArmJson.properties(out);
    return out;
  }

  /** A resource group from a PUT body; its name is the path's. */
  public static ResourceGroup resourceGroup(JsonNode node, String name) {
    return new ResourceGroup(name, requireText(node, "location"));
  }

  public static ResourceGroup resourceGroup(JsonNode node) {
    return resourceGroup(node, requireText(node, "name"));
  }
}
