package dev.reprotect.azure;

public record AvailabilitySet(String resourceGroup, String name, String location) {
  public String id() {
    return ResourceIds.availabilitySet(resourceGroup, name);
  }
}
