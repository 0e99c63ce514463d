package dev.reprotect.azure.http;

import static dev.reprotect.azure.arm.ArmPaths.LOCATION_OUTAGE;
import static dev.reprotect.azure.arm.ArmPaths.LOCATION_RECOVER;

import dev.reprotect.azure.Caller;
import dev.reprotect.azure.Region;
import dev.reprotect.azure.ResourceGroup;
import dev.reprotect.azure.ResourcesApi;
import dev.reprotect.azure.arm.ArmJson;
import dev.reprotect.azure.arm.ArmPaths;
import dev.reprotect.azure.arm.ResourcesJson;
import java.util.List;
import java.util.Optional;

final class HttpResources implements ResourcesApi {
  private final ArmHttpClient client;

  HttpResources(ArmHttpClient client) {
    this.client = client;
  }

  @Override
  public List<Region> regions() {
    return ArmJson.fromList(client.get(ArmPaths.LOCATIONS.expand()), ResourcesJson::region);
  }

  @Override
  public Optional<Region> region(String name) {
    return client.find(ArmPaths.LOCATION, name).map(ResourcesJson::region);
  }

  @Override
  public void setRegionAvailable(Caller caller, String region, boolean available) {
    client.post(
        caller, (available ? LOCATION_RECOVER : LOCATION_OUTAGE).expand(region), ArmJson.object());
  }

  @Override
  public Optional<ResourceGroup> resourceGroup(String name) {
    return client.find(ArmPaths.RESOURCE_GROUP, name).map(ResourcesJson::resourceGroup);
  }

  @Override
  public ResourceGroup createResourceGroup(Caller caller, ResourceGroup group) {
    return ResourcesJson.resourceGroup(
        client.put(
            caller,
            ArmPaths.RESOURCE_GROUP.expand(group.name()),
            ResourcesJson.resourceGroup(group)));
  }

  @Override
  public void deleteResourceGroup(Caller caller, String name) {
    client.delete(caller, ArmPaths.RESOURCE_GROUP, name);
  }
}
