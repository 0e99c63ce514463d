package dev.reprotect.azure;

public record VirtualNetwork(String resourceGroup, String name, String location) {
  public String id() {
    return ResourceIds.virtualNetwork(resourceGroup, name);
  }
}
