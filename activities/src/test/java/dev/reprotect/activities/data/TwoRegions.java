package dev.reprotect.activities.data;

import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ResourceGroup;
import dev.reprotect.azure.StorageAccount;
import dev.reprotect.azure.sim.SimulatedAzure;
import java.util.Map;

/** A simulator with a source disk's region and its replica's, each with a storage account. */
final class TwoRegions {
  static final String EAST = "eastasia";
  static final String SOUTHEAST = "southeastasia";
  static final BlobRef SOURCE = new BlobRef("stsoutheast", "vhds", "source.vhd");
  static final BlobRef REPLICA = new BlobRef("steast", "vhds", "replica.vhd");

  private TwoRegions() {}

  static SimulatedAzure simulator(int blockSize) {
    return SimulatedAzure.inTemporaryDirectory(blockSize).withRegion(EAST).withRegion(SOUTHEAST);
  }

  /** Both accounts, and an empty source and replica of {@code blocks} blocks. */
  static void emptyDisks(SimulatedAzure azure, Caller caller, int blocks) {
    for (String region : new String[] {EAST, SOUTHEAST}) {
      azure.resources().createResourceGroup(caller, new ResourceGroup("rg-" + region, region));
      azure
          .storage()
          .createStorageAccount(
              caller,
              new StorageAccount(
                  "st" + region.replace("asia", ""),
                  "rg-" + region,
                  region,
                  StorageAccount.KIND,
                  Map.of()));
    }
    long size = (long) blocks * azure.storage().blockSize();
    azure.storage().createPageBlob(caller, SOURCE, size);
    azure.storage().createPageBlob(caller, REPLICA, size);
  }
}
