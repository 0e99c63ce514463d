package dev.reprotect.azure.sim;

/**
 * The world's logical state as sorted lines: one per resource, disks by size and checksum. Two
 * exports are equal exactly when the resources, their properties and the disk contents are.
 */
final class StateExport {
  private StateExport() {}

  static String of(World world) {
    StringBuilder out = new StringBuilder();
    synchronized (world) {
      section(out, "region", world.regions);
      section(out, "resourceGroup", world.resourceGroups);
      section(out, "virtualNetwork", world.networks);
      section(out, "networkMapping", world.networkMappings);
      section(out, "storageAccount", world.storageAccounts);
      // The recorded checksum: the export describes recorded state without reading every disk;
      // whether the bytes still match their names is what checksum and blockHashes check.
      world.blobs.forEach(
          (key, blob) ->
              out.append("blob ")
                  .append(key)
                  .append(" region=")
                  .append(blob.region)
                  .append(" size=")
                  .append(blob.sizeBytes())
                  .append(" blocks=")
                  .append(blob.blockCount())
                  .append(" checksum=")
                  .append(SimStorage.recordedChecksum(blob))
                  .append('\n'));
      section(out, "availabilitySet", world.availabilitySets);
      section(out, "virtualMachine", world.virtualMachines);
      section(out, "vault", world.vaults);
      section(out, "replicatedItem", world.items);
      section(out, "recoveryPlan", world.recoveryPlans);
      // A point's time is when it was taken, not what it holds: left out, so that two worlds
      // built by the same steps at different moments compare equal.
      world.recoveryPoints.forEach(
          (key, point) ->
              out.append("recoveryPoint ")
                  .append(key)
                  .append(" type=")
                  .append(point.type())
                  .append(" disks=")
                  .append(point.disks())
                  .append(" cut=")
                  .append(point.cutId())
                  .append(" checksums=")
                  .append(point.diskChecksums())
                  .append('\n'));
      // A snapshot's time and its hold's id change from run to run: its base and cut stay.
      world.snapshots.forEach(
          (key, snapshot) ->
              out.append("snapshot ")
                  .append(key)
                  .append(" base=")
                  .append(snapshot.base())
                  .append(" cut=")
                  .append(snapshot.metadata().get("cut"))
                  .append('\n'));
    }
    return out.toString();
  }

  private static void section(StringBuilder out, String kind, Table<?> resources) {
    resources.forEach(
        (key, value) ->
            out.append(kind).append(' ').append(key).append(' ').append(value).append('\n'));
  }
}
