package dev.reprotect.azure.sim;

import java.util.Set;

/**
 * Which of ARM's request limits a call of the simulator counts against, by its operation's name
 * (the backend method's, as {@link FaultInjector} names it). Page-blob calls go to the storage
 * account's own endpoint, not through ARM: they count against none.
 */
enum RequestKind {
  READ,
  WRITE,
  DELETE,
  DATA_PLANE;

  /** GETs of one ARM resource. */
  static final Set<String> GETS =
      Set.of(
          "region",
          "resourceGroup",
          "virtualNetwork",
          "networkMapping",
          "storageAccount",
          "virtualMachine",
          "availabilitySet",
          "writeHold",
          "vault",
          "replicatedItem",
          "recoveryPlan");

  /** Lists of ARM resources. */
  static final Set<String> LISTS =
      Set.of(
          "regions",
          "storageAccounts",
          "virtualMachinesNamed",
          "availabilitySetsNamed",
          "vaults",
          "replicatedItems",
          "recoveryPoints");

  /** GETs answered by the storage endpoint: a blob's properties, a container's blobs. */
  static final Set<String> BLOB_GETS = Set.of("blob", "blobs", "snapshot", "snapshots");

  private static final Set<String> BLOB_CALLS =
      Set.of(
          "createPageBlob",
          "resizePageBlob",
          "copyBlob",
          "deleteBlob",
          "writeBlock",
          "readBlock",
          "blockHashes",
          "pageRanges",
          "pageRangesDiff",
          "transferBlocks",
          "checksum",
          "recordedChecksum",
          "snapshotBlob");

  static RequestKind of(String operation) {
    if (BLOB_GETS.contains(operation) || BLOB_CALLS.contains(operation)) {
      return DATA_PLANE;
    }
    if (GETS.contains(operation) || LISTS.contains(operation)) {
      return READ;
    }
    // A prune is a batch of deletes.
    return operation.startsWith("delete") || operation.startsWith("prune") ? DELETE : WRITE;
  }
}
