package dev.reprotect.azure;

/**
 * One side of a replicated item: where the VM lives (or lived) in that region. Recorded on the
 * item, so the original storage account of a side is known even after its VM is gone.
 */
public record ItemSide(String region, String resourceGroup, String storageAccount) {}
