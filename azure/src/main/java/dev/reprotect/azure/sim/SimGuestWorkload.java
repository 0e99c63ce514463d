package dev.reprotect.azure.sim;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ChurnSpec;
import dev.reprotect.azure.ChurnStatus;
import dev.reprotect.azure.GuestWorkloadApi;
import dev.reprotect.azure.NameRules;
import dev.reprotect.azure.PowerState;
import dev.reprotect.azure.ResourceIds;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VmDisk;
import dev.reprotect.azure.WriteHold;
import dev.reprotect.azure.sim.FaultInjector.GuestAgentFault;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The guests of the simulated VMs and their agents. A guest's write lands in the block store of its
 * disk's region and in the disk's block map, like a page write, but it is the guest's, not a
 * control-plane operation: no fault, no latency, no activity-log entry. Churn threads live in
 * memory only. The agent's holds of the writes are charged and logged like the VM's other actions,
 * and kept in the world, so that a cut can be checked against its hold later.
 */
final class SimGuestWorkload implements GuestWorkloadApi, AutoCloseable {
  /**
   * How many holds of a VM its agent remembers, the newest. A cut is checked against its hold only
   * while it lives, and a replication deletes each cut a cycle or two later.
   */
  static final int HOLDS_REMEMBERED = 100;

  private final World world;
  private final Map<String, GuestChurn> churns = new ConcurrentHashMap<>();

  SimGuestWorkload(World world) {
    this.world = world;
  }

  /** A write of the guest: while its agent holds the VM's writes, it waits for the release. */
  @Override
  public void write(String resourceGroup, String vm, String slot, long block, byte[] data) {
    if (data.length != world.blockSize) {
      throw new AzureException(
          AzureErrorCode.InvalidParameter,
          "a block has " + world.blockSize + " bytes, not " + data.length);
    }
    String region;
    synchronized (world) {
      region = diskBlob(requireRunning(resourceGroup, vm), slot, block).region;
    }
    String hash = BlockStore.isZero(data) ? null : world.blockStore(region).put(data);
    String vmKey = World.scopedKey(resourceGroup, vm);
    // A hold is taken under the world's monitor: a write lands before it, or after its end.
    boolean written;
    do {
      world.holds.awaitRelease(vmKey);
      written =
          world.mutate(
              () -> {
                if (world.holds.holdOf(vmKey) != null) {
                  return false;
                }
                diskBlob(requireRunning(resourceGroup, vm), slot, block).setBlock(block, hash);
                return true;
              });
    } while (!written);
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
  public WriteHold holdWrites(
      Caller caller,
      String resourceGroup,
      String vm,
      String holdId,
      Duration limit,
      boolean quiesce) {
    if (!NameRules.isValidCutId(holdId) || limit.isNegative() || limit.isZero()) {
      throw new AzureException(
          AzureErrorCode.InvalidParameter,
          "a hold has an id of 1 to 63 "
              + "letters, digits, '.', '-' or '_' and a positive limit: "
              + holdId
              + ", "
              + limit);
    }
    String vmKey = World.scopedKey(resourceGroup, vm);
    world.enter(caller, "holdWrites", location(resourceGroup, vm));
    GuestAgentFault fault = world.faults.guestAgentFault(vmKey);
    if (fault == GuestAgentFault.Unresponsive) {
      world.charges.call(caller, "guestAgentTimeout");
      throw new AzureException(
          AzureErrorCode.GuestAgentUnresponsive,
          "the guest agent of VM "
              + resourceGroup
              + "/"
              + vm
              + " did not answer the hold of its writes in time");
    }
    return world.mutate(
        () -> {
          VirtualMachine found = SimCompute.requireVm(world, resourceGroup, vm);
          WriteHold known = world.writeHolds.get(holdKey(vmKey, holdId));
          if (known != null) {
            return asItIs(vmKey, known);
          }
          String inEffect = world.holds.holdOf(vmKey);
          if (inEffect != null) {
            throw new AzureException(
                AzureErrorCode.Conflict,
                "the writes of VM "
                    + resourceGroup
                    + "/"
                    + vm
                    + " are held already, by "
                    + inEffect);
          }
          Duration capped = limit.compareTo(WriteHolds.LONGEST) > 0 ? WriteHolds.LONGEST : limit;
          Instant now = world.clock.instant();
          // A guest that does not run has no applications to quiesce.
          boolean quiesced =
              quiesce
                  && found.powerState() == PowerState.Running
                  && fault != GuestAgentFault.QuiesceUnacknowledged;
          WriteHold hold =
              new WriteHold(
                  holdId,
                  found.resourceGroup(),
                  found.name(),
                  now,
                  now.plus(capped),
                  quiesced,
                  WriteHold.State.Held);
          world.writeHolds.put(holdKey(vmKey, holdId), hold);
          forgetOldHolds(vmKey);
          world.holds.hold(vmKey, holdId, capped);
          world.log.append(
              "Microsoft.Compute/virtualMachines/writeHolds/write",
              ResourceIds.writeHold(found.resourceGroup(), found.name(), holdId),
              caller);
          return hold;
        });
  }

  @Override
  public WriteHold releaseWrites(Caller caller, String resourceGroup, String vm, String holdId) {
    String vmKey = World.scopedKey(resourceGroup, vm);
    world.enter(caller, "releaseWrites", location(resourceGroup, vm));
    return world.mutate(
        () -> {
          WriteHold known = world.writeHolds.get(holdKey(vmKey, holdId));
          if (known == null) {
            throw AzureException.notFound("hold " + holdId + " of VM " + resourceGroup + "/" + vm);
          }
          if (known.state() != WriteHold.State.Held) {
            return known;
          }
          WriteHold ended =
              known.withState(
                  world.holds.release(vmKey, holdId)
                      ? WriteHold.State.Released
                      : WriteHold.State.Expired);
          world.writeHolds.put(holdKey(vmKey, holdId), ended);
          world.log.append(
              "Microsoft.Compute/virtualMachines/writeHolds/release",
              ResourceIds.writeHold(known.resourceGroup(), known.vm(), holdId),
              caller);
          return ended;
        });
  }

  @Override
  public Optional<WriteHold> writeHold(String resourceGroup, String vm, String holdId) {
    world.enter(null, "writeHold");
    String vmKey = World.scopedKey(resourceGroup, vm);
    synchronized (world) {
      return Optional.ofNullable(world.writeHolds.get(holdKey(vmKey, holdId)))
          .map(hold -> asItIs(vmKey, hold));
    }
  }

  /** Keeps the agent's records bounded: the VM's newest {@link #HOLDS_REMEMBERED} holds. */
  private void forgetOldHolds(String vmKey) {
    List<String> mine =
        world.writeHolds.entrySet().stream()
            .filter(entry -> entry.getKey().startsWith(vmKey + "/"))
            .sorted(Comparator.comparing(entry -> entry.getValue().heldAt()))
            .map(Map.Entry::getKey)
            .toList();
    mine.subList(0, Math.max(0, mine.size() - HOLDS_REMEMBERED)).forEach(world.writeHolds::remove);
  }

  /** A hold recorded as held whose limit passed is expired, whether released or not. */
  private WriteHold asItIs(String vmKey, WriteHold hold) {
    return hold.state() == WriteHold.State.Held && !hold.id().equals(world.holds.holdOf(vmKey))
        ? hold.withState(WriteHold.State.Expired)
        : hold;
  }

  private String location(String resourceGroup, String vm) {
    synchronized (world) {
      return SimCompute.requireVm(world, resourceGroup, vm).location();
    }
  }

  static String holdKey(String vmKey, String holdId) {
    return vmKey + "/" + holdId;
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
      throw new AzureException(
          AzureErrorCode.Conflict,
          "VM " + resourceGroup + "/" + vm + " does not run: its guest writes nothing");
    }
    return found;
  }

  private BlobData diskBlob(VirtualMachine vm, String slot, long block) {
    VmDisk disk =
        vm.disks().stream()
            .filter(d -> d.slot().equals(slot))
            .findFirst()
            .orElseThrow(() -> AzureException.notFound("disk " + slot + " of VM " + vm.name()));
    BlobData blob = world.blobs.get(World.blobKey(disk.vhd()));
    if (blob == null) {
      throw AzureException.notFound("disk blob " + disk.vhd());
    }
    if (block < 0 || block >= blob.sizeBytes() / world.blockSize) {
      throw new AzureException(
          AzureErrorCode.InvalidParameter,
          "block " + block + " is outside disk " + slot + " of VM " + vm.name());
    }
    return blob;
  }
}
