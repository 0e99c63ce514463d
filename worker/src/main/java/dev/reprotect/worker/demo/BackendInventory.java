package dev.reprotect.worker.demo;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.VmDisk;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the backend holds, one line per resource ("kind key"), sorted: regions, groups, networks,
 * mappings, accounts, blobs (disks, replicas, snapshots, seeds), sets, VMs, vaults, items, plans,
 * recovery points and cuts, as the backend's canonical export lists them, without contents. Names a
 * job or a cycle made up are replaced by their role (a job's run id by {@code <job>}, a failover's
 * by {@code <failover>}, a reprotect cycle by {@code cycle<n>}, the VM's disks by their slot), so
 * that two inventories compare by what they hold, not by which run made it: the same VM protected
 * after a round trip has the inventory it had after its enable.
 */
public final class BackendInventory {
  private static final Pattern JOB_RUN = Pattern.compile("\\br[0-9a-f]{8}\\b");
  private static final Pattern FAILOVER_RUN = Pattern.compile("\\bf[0-9a-f]{8}\\.p\\b");
  private static final Pattern REPROTECT_CYCLE = Pattern.compile("\\bcycle[0-9]+\\b");

  private BackendInventory() {}

  /** The inventory, with the running VM {@code resourceGroup/vm}'s disks named by slot. */
  public static List<String> of(AzureBackend azure, String resourceGroup, String vm) {
    List<VmDisk> vmDisks =
        azure
            .compute()
            .virtualMachine(resourceGroup, vm)
            .map(found -> found.disks())
            .orElse(List.of());
    return azure
        .exportState()
        .lines()
        .map(
            line -> {
              String[] kindAndKey = line.split(" ", 3);
              String key = kindAndKey[1];
              for (VmDisk disk : vmDisks) {
                if (key.equals(disk.vhd().toString())) {
                  key =
                      disk.vhd().storageAccount()
                          + "/"
                          + disk.vhd().container()
                          + "/"
                          + vm
                          + " disk "
                          + disk.slot();
                }
              }
              return kindAndKey[0] + " " + key;
            })
        .map(line -> JOB_RUN.matcher(line).replaceAll("<job>"))
        .map(line -> FAILOVER_RUN.matcher(line).replaceAll("<failover>.p"))
        .map(line -> REPROTECT_CYCLE.matcher(line).replaceAll("cycle<n>"))
        .sorted()
        .toList();
  }
}
