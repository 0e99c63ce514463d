package dev.reprotect.azure;

/**
 * One side of a replicated item: where the VM lives (or lived) in that region. Recorded on the
 * item, so the original storage account of a side is known even after its VM is gone, and so is
 * the availability set (its resource id, null when none) that a reprotect chose for that side.
 */
public record ItemSide(
    String region, String resourceGroup, String storageAccount, String availabilitySet) {

  /** A side whose VM is in no availability set. */
  public ItemSide(String region, String resourceGroup, String storageAccount) {
    this(region, resourceGroup, storageAccount, null);
  }
}
