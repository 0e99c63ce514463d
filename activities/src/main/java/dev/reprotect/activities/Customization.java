package dev.reprotect.activities;

/**
 * What the user asked to change in the plan; null means the default. The target network is here
 * only to be refused: it comes from the network mapping of the region pair.
 */
public record Customization(
    String targetResourceGroup,
    String targetStorageAccount,
    String cacheStorageAccount,
    String availabilitySet,
    String targetNetwork) {

  public static Customization none() {
    return new Customization(null, null, null, null, null);
  }
}
