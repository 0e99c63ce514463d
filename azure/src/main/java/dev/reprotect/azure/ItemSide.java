package dev.reprotect.azure;

/**
 * One side of a replicated item: where the VM lives (or lived) in that region. Recorded on the
 * item, so the original storage account of a side is known even after its VM is gone, and so is the
 * availability set (its resource id, null when none) that a reprotect chose for that side. {@code
 * network} is the network id of the VM on that side as recorded when the protection was set up, so
 * that a failover maps it even when that VM is lost; null when unknown (an item recorded before
 * sides carried it, or a side with no VM).
 */
public record ItemSide(
    String region,
    String resourceGroup,
    String storageAccount,
    String availabilitySet,
    String network) {

  /** A side whose VM is in no availability set and whose network is unknown. */
  public ItemSide(String region, String resourceGroup, String storageAccount) {
    this(region, resourceGroup, storageAccount, null, null);
  }

  public ItemSide withNetwork(String networkId) {
    return new ItemSide(region, resourceGroup, storageAccount, availabilitySet, networkId);
  }
}
