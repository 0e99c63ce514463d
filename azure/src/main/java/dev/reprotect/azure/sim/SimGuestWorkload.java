package dev.reprotect.azure.sim;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.ChurnSpec;
import dev.reprotect.azure.ChurnStatus;
import dev.reprotect.azure.GuestWorkloadApi;
import dev.reprotect.azure.PowerState;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VmDisk;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The guests of the simulated VMs. A guest's write lands in the block store of its disk's region
 * and in the disk's block map, like a page write, but it is the guest's, not a control-plane
 * operation: no fault, no latency, no activity-log entry. Churn threads live in memory only.
 */
final class SimGuestWorkload implements GuestWorkloadApi, AutoCloseable {
  private final World world;
  private final Map<String, GuestChurn> churns = new ConcurrentHashMap<>();

  SimGuestWorkload(World world) {
    this.world = world;
  }

  @Override
  public void write(String resourceGroup, String vm, String slot, long block, byte[] data) {
    if (data.length != world.blockSize) {
      throw new AzureException(AzureErrorCode.InvalidParameter,
          "a block has " + world.blockSize + " bytes, not " + data.length);
    }
    String region;
    synchronized (world) {
      region = diskBlob(requireRunning(resourceGroup, vm), slot, block).region;
    }
    String hash = BlockStore.isZero(data) ? null : world.blockStore(region).put(data);
    world.mutate(() -> {
      diskBlob(requireRunning(resourceGroup, vm), slot, block).setBlock(block, hash);
    });
  }

  @Override
  public void startChurn(String resourceGroup, String vm, ChurnSpec spec) {
    synchronized (world) {
      requireRunning(resourceGroup, vm);
    }
    String key = World.scopedKey(resourceGroup, vm);
    synchronized (churns) {
      GuestChurn running = churns.get(key);
      if (running != null) {
        if (running.spec.equals(spec)) {
          return;
        }
        running.stop();
      }
      GuestChurn churn = new GuestChurn(world, this, resourceGroup, vm, spec);
      churns.put(key, churn);
      churn.start();
    }
  }

  @Override
  public void stopChurn(String resourceGroup, String vm) {
    synchronized (churns) {
      GuestChurn churn = churns.remove(World.scopedKey(resourceGroup, vm));
      if (churn != null) {
        churn.stop();
      }
    }
  }

  @Override
  public Optional<ChurnStatus> churn(String resourceGroup, String vm) {
    return Optional.ofNullable(churns.get(World.scopedKey(resourceGroup, vm)))
        .map(GuestChurn::status);
  }

  @Override
  public boolean quiesce(String resourceGroup, String vm) {
    if (runningVm(resourceGroup, vm).isEmpty()) {
      return false;
    }
    world.quiesces.hold(World.scopedKey(resourceGroup, vm));
    return true;
  }

  /** Stops every churn: the simulator closes. */
  @Override
  public void close() {
    synchronized (churns) {
      churns.values().forEach(GuestChurn::stop);
      churns.clear();
    }
  }

  /** The VM if it runs; empty when it is stopped. A VM that is not there is NotFound. */
  Optional<VirtualMachine> runningVm(String resourceGroup, String vm) {
    synchronized (world) {
      VirtualMachine found = SimCompute.requireVm(world, resourceGroup, vm);
      return found.powerState() == PowerState.Running ? Optional.of(found) : Optional.empty();
    }
  }

  long blockCount(BlobRef disk) {
    synchronized (world) {
      BlobData blob = world.blobs.get(World.blobKey(disk));
      if (blob == null) {
        throw AzureException.notFound("disk blob " + disk);
      }
      return blob.sizeBytes() / world.blockSize;
    }
  }

  private VirtualMachine requireRunning(String resourceGroup, String vm) {
    VirtualMachine found = SimCompute.requireVm(world, resourceGroup, vm);
    if (found.powerState() != PowerState.Running) {
      throw new AzureException(AzureErrorCode.Conflict,
          "VM " + resourceGroup + "/" + vm + " does not run: its guest writes nothing");
    }
    return found;
  }

  private BlobData diskBlob(VirtualMachine vm, String slot, long block) {
    VmDisk disk = vm.disks().stream().filter(d -> d.slot().equals(slot)).findFirst()
        .orElseThrow(() -> AzureException.notFound("disk " + slot + " of VM " + vm.name()));
    BlobData blob = world.blobs.get(World.blobKey(disk.vhd()));
    if (blob == null) {
      throw AzureException.notFound("disk blob " + disk.vhd());
    }
    if (block < 0 || block >= blob.sizeBytes() / world.blockSize) {
      throw new AzureException(AzureErrorCode.InvalidParameter,
          "block " + block + " is outside disk " + slot + " of VM " + vm.name());
    }
    return blob;
  }
}
