package dev.reprotect.azure.sim;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.CutDisk;
import dev.reprotect.azure.NameRules;
import dev.reprotect.azure.ResourceIds;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VmCut;
import dev.reprotect.azure.VmDisk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Cuts of a VM's disks: snapshot blobs made under the world's monitor, so that every disk is taken
 * at the same instant, sharing the disks' blocks (metadata only, no bytes copied).
 */
final class SimCuts {
  /** The container, in each disk's storage account, of the cuts' snapshot blobs. */
  static final String CONTAINER = "cuts";

  private final World world;

  SimCuts(World world) {
    this.world = world;
  }

  VmCut create(Caller caller, String resourceGroup, String vmName, String cutId) {
    if (!NameRules.isValidCutId(cutId)) {
      throw new AzureException(AzureErrorCode.InvalidResourceName, "invalid cut id " + cutId
          + ": 1 to 63 letters, digits, '.', '-' or '_'");
    }
    String location;
    synchronized (world) {
      location = SimCompute.requireVm(world, resourceGroup, vmName).location();
    }
    world.enter(caller, "createCut", location);
    VmCut cut = world.mutate(() -> {
      VirtualMachine vm = SimCompute.requireVm(world, resourceGroup, vmName);
      String key = key(resourceGroup, vmName, cutId);
      VmCut existing = world.cuts.get(key);
      if (existing != null) {
        return existing;
      }
      List<CutDisk> disks = new ArrayList<>();
      for (VmDisk disk : vm.disks()) {
        BlobData source = world.blobs.get(World.blobKey(disk.vhd()));
        if (source == null) {
          throw AzureException.notFound("disk blob " + disk.vhd());
        }
        BlobRef snapshot = new BlobRef(disk.vhd().storageAccount(), CONTAINER,
            vm.name() + "." + cutId + "." + disk.slot() + ".vhd");
        world.blobs.put(World.blobKey(snapshot), new BlobData(
            snapshot, source.region, source.sizeBytes(), source.copyOfBlocks()));
        disks.add(new CutDisk(disk.slot(), disk.name(), snapshot, source.sizeBytes()));
      }
      VmCut created = new VmCut(cutId, vm.resourceGroup(), vm.name(), vm.location(),
          world.clock.instant(), disks);
      world.cuts.put(key, created);
      world.log.append("Microsoft.Compute/virtualMachines/cuts/write",
          ResourceIds.cut(vm.resourceGroup(), vm.name(), cutId), caller);
      return created;
    });
    // The cut a quiesced guest waited for is taken: it writes again.
    world.quiesces.release(World.scopedKey(resourceGroup, vmName));
    return cut;
  }

  Optional<VmCut> find(String resourceGroup, String vm, String cutId) {
    synchronized (world) {
      return Optional.ofNullable(world.cuts.get(key(resourceGroup, vm, cutId)));
    }
  }

  List<VmCut> list(String resourceGroup, String vm) {
    String prefix = World.scopedKey(resourceGroup, vm) + "/";
    synchronized (world) {
      return world.cuts.entrySet().stream()
          .filter(entry -> entry.getKey().startsWith(prefix))
          .map(entry -> entry.getValue())
          .sorted(Comparator.comparing(VmCut::time).thenComparing(VmCut::id))
          .toList();
    }
  }

  void delete(Caller caller, String resourceGroup, String vm, String cutId) {
    Optional<VmCut> found = find(resourceGroup, vm, cutId);
    if (found.isEmpty()) {
      return;
    }
    world.enter(caller, "deleteCut", found.get().location());
    world.mutate(() -> {
      VmCut cut = world.cuts.remove(key(resourceGroup, vm, cutId));
      if (cut == null) {
        return;
      }
      cut.disks().forEach(disk -> world.blobs.remove(World.blobKey(disk.snapshot())));
      world.log.append("Microsoft.Compute/virtualMachines/cuts/delete",
          ResourceIds.cut(cut.resourceGroup(), cut.vm(), cutId), caller);
    });
  }

  static String key(String resourceGroup, String vm, String cutId) {
    return World.scopedKey(resourceGroup, vm) + "/" + cutId;
  }
}
