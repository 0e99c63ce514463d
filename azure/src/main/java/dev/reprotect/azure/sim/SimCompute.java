package dev.reprotect.azure.sim;

import dev.reprotect.azure.AvailabilitySet;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ComputeApi;
import dev.reprotect.azure.NameRules;
import dev.reprotect.azure.PowerState;
import dev.reprotect.azure.ResourceIds;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VmDisk;
import dev.reprotect.azure.arm.ArmIds;
import java.util.List;
import java.util.Optional;

final class SimCompute implements ComputeApi {
  private final World world;

  SimCompute(World world) {
    this.world = world;
  }

  @Override
  public Optional<VirtualMachine> virtualMachine(String resourceGroup, String name) {
    world.enter(null, "virtualMachine");
    synchronized (world) {
      return Optional.ofNullable(world.virtualMachines.get(World.scopedKey(resourceGroup, name)));
    }
  }

  @Override
  public List<VirtualMachine> virtualMachinesNamed(String region, String name) {
    world.enter(null, "virtualMachinesNamed");
    synchronized (world) {
      return world.virtualMachines.values().stream()
          .filter(vm -> vm.location().equals(region) && vm.name().equalsIgnoreCase(name))
          .toList();
    }
  }

  @Override
  public VirtualMachine createVirtualMachine(Caller caller, VirtualMachine vm) {
    if (!NameRules.isValidVmName(vm.name())) {
      throw new AzureException(AzureErrorCode.InvalidResourceName, "invalid VM name " + vm.name());
    }
    world.enter(caller, "createVirtualMachine", vm.location());
    return world.mutate(
        () -> {
          SimResources.requireResourceGroup(world, vm.resourceGroup());
          for (VmDisk disk : vm.disks()) {
            if (!world.blobs.containsKey(World.blobKey(disk.vhd()))) {
              throw AzureException.notFound("disk blob " + disk.vhd());
            }
          }
          String key = World.scopedKey(vm.resourceGroup(), vm.name());
          VirtualMachine existing = world.virtualMachines.get(key);
          if (existing != null && !existing.location().equals(vm.location())) {
            throw new AzureException(
                AzureErrorCode.Conflict, "VM " + vm.name() + " exists in " + existing.location());
          }
          if (vm.equals(existing)) {
            return existing;
          }
          world.virtualMachines.put(key, vm);
          world.log.append("Microsoft.Compute/virtualMachines/write", vm.id(), caller);
          return vm;
        });
  }

  @Override
  public VirtualMachine powerOff(Caller caller, String resourceGroup, String name) {
    return setPowerState(caller, resourceGroup, name, PowerState.Stopped, "powerOff");
  }

  @Override
  public VirtualMachine start(Caller caller, String resourceGroup, String name) {
    return setPowerState(caller, resourceGroup, name, PowerState.Running, "start");
  }

  private VirtualMachine setPowerState(
      Caller caller, String resourceGroup, String name, PowerState state, String action) {
    VirtualMachine vm;
    synchronized (world) {
      vm = requireVm(world, resourceGroup, name);
    }
    world.enter(caller, action, vm.location());
    return world.mutate(
        () -> {
          String key = World.scopedKey(resourceGroup, name);
          VirtualMachine current = world.virtualMachines.get(key);
          if (current == null) {
            throw AzureException.notFound("VM " + resourceGroup + "/" + name);
          }
          if (current.powerState() == state) {
            return current;
          }
          VirtualMachine changed = current.withPowerState(state);
          world.virtualMachines.put(key, changed);
          world.log.append(
              "Microsoft.Compute/virtualMachines/" + action + "/action", vm.id(), caller);
          return changed;
        });
  }

  @Override
  public void deleteVirtualMachine(Caller caller, String resourceGroup, String name) {
    VirtualMachine found;
    synchronized (world) {
      found = world.virtualMachines.get(World.scopedKey(resourceGroup, name));
    }
    if (found == null) {
      return;
    }
    world.enter(caller, "deleteVirtualMachine", found.location());
    world.mutate(
        () -> {
          VirtualMachine vm = world.virtualMachines.remove(World.scopedKey(resourceGroup, name));
          if (vm == null) {
            return;
          }
          world.log.append("Microsoft.Compute/virtualMachines/delete", vm.id(), caller);
          // Like a VM created with deleteOption=Delete on its disks: the disks go with it.
          for (VmDisk disk : vm.disks()) {
            if (world.removeBlob(disk.vhd())) {
              world.log.append(
                  "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete",
                  ResourceIds.blob(disk.vhd()),
                  caller);
            }
          }
        });
  }

  @Override
  public Optional<AvailabilitySet> availabilitySet(String resourceGroup, String name) {
    world.enter(null, "availabilitySet");
    synchronized (world) {
      return Optional.ofNullable(world.availabilitySets.get(World.scopedKey(resourceGroup, name)));
    }
  }

  @Override
  public List<AvailabilitySet> availabilitySetsNamed(String region, String name) {
    world.enter(null, "availabilitySetsNamed");
    synchronized (world) {
      return world.availabilitySets.values().stream()
          .filter(set -> set.location().equals(region) && set.name().equalsIgnoreCase(name))
          .toList();
    }
  }

  @Override
  public AvailabilitySet createAvailabilitySet(Caller caller, AvailabilitySet set) {
    if (!NameRules.isValidAvailabilitySetName(set.name())) {
      throw new AzureException(
          AzureErrorCode.InvalidResourceName, "invalid availability set name " + set.name());
    }
    world.enter(caller, "createAvailabilitySet", set.location());
    return world.mutate(
        () -> {
          SimResources.requireResourceGroup(world, set.resourceGroup());
          String key = World.scopedKey(set.resourceGroup(), set.name());
          AvailabilitySet existing = world.availabilitySets.get(key);
          if (existing != null) {
            if (!existing.location().equals(set.location())) {
              throw new AzureException(
                  AzureErrorCode.Conflict,
                  "availability set " + set.name() + " exists in " + existing.location());
            }
            return existing;
          }
          world.availabilitySets.put(key, set);
          world.log.append("Microsoft.Compute/availabilitySets/write", set.id(), caller);
          return set;
        });
  }

  @Override
  public void deleteAvailabilitySet(Caller caller, String resourceGroup, String name) {
    String key = World.scopedKey(resourceGroup, name);
    AvailabilitySet found;
    synchronized (world) {
      found = world.availabilitySets.get(key);
    }
    if (found == null) {
      return;
    }
    world.enter(caller, "deleteAvailabilitySet", found.location());
    world.mutate(
        () -> {
          AvailabilitySet set = world.availabilitySets.get(key);
          if (set == null) {
            return;
          }
          boolean inUse =
              world.virtualMachines.values().stream()
                  .anyMatch(
                      vm ->
                          vm.availabilitySet() != null
                              && vm.resourceGroup().equalsIgnoreCase(resourceGroup)
                              && ArmIds.nameOf(vm.availabilitySet()).equalsIgnoreCase(name));
          if (inUse) {
            throw new AzureException(
                AzureErrorCode.Conflict, "availability set " + name + " has a VM in it; it stays");
          }
          world.availabilitySets.remove(key);
          world.log.append("Microsoft.Compute/availabilitySets/delete", set.id(), caller);
        });
  }

  /** The VM, or NotFound; the caller holds the world's monitor. */
  static VirtualMachine requireVm(World world, String resourceGroup, String name) {
    VirtualMachine found = world.virtualMachines.get(World.scopedKey(resourceGroup, name));
    if (found == null) {
      throw AzureException.notFound("VM " + resourceGroup + "/" + name);
    }
    return found;
  }
}
