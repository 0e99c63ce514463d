package dev.reprotect.azure.sim;

import java.util.Map;

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
      world.blobs.forEach((key, blob) -> out.append("blob ").append(key)
          .append(" region=").append(blob.region)
          .append(" size=").append(blob.sizeBytes)
          .append(" blocks=").append(blob.blocks.size())
          .append(" checksum=").append(SimStorage.checksumOf(blob)).append('\n'));
      section(out, "availabilitySet", world.availabilitySets);
      section(out, "virtualMachine", world.virtualMachines);
      section(out, "vault", world.vaults);
      section(out, "replicatedItem", world.items);
      section(out, "recoveryPlan", world.recoveryPlans);
      section(out, "recoveryPoint", world.recoveryPoints);
    }
    return out.toString();
  }

  private static void section(StringBuilder out, String kind, Map<String, ?> resources) {
    resources.forEach((key, value) ->
        out.append(kind).append(' ').append(key).append(' ').append(value).append('\n'));
  }
}
