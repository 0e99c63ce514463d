package dev.reprotect.azure.http;

import dev.reprotect.azure.AvailabilitySet;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ComputeApi;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.arm.ArmJson;
import dev.reprotect.azure.arm.ArmPaths;
import dev.reprotect.azure.arm.ComputeJson;
import dev.reprotect.azure.arm.PathTemplate;
import java.util.List;
import java.util.Optional;

final class HttpCompute implements ComputeApi {
  private final ArmHttpClient client;

  HttpCompute(ArmHttpClient client) {
    this.client = client;
  }

  @Override
  public Optional<VirtualMachine> virtualMachine(String resourceGroup, String name) {
    return client
        .find(ArmPaths.VIRTUAL_MACHINE, resourceGroup, name)
        .map(ComputeJson::virtualMachine);
  }

  @Override
  public List<VirtualMachine> virtualMachinesNamed(String region, String name) {
    return ArmJson.fromList(
        client.get(
            ArmPaths.VIRTUAL_MACHINES.expand() + ArmPaths.query("location", region, "name", name)),
        ComputeJson::virtualMachine);
  }

  @Override
  public VirtualMachine createVirtualMachine(Caller caller, VirtualMachine vm) {
    return ComputeJson.virtualMachine(
        client.put(
            caller,
            ArmPaths.VIRTUAL_MACHINE.expand(vm.resourceGroup(), vm.name()),
            ComputeJson.virtualMachine(vm)));
  }

  @Override
  public VirtualMachine powerOff(Caller caller, String resourceGroup, String name) {
    return powerAction(caller, ArmPaths.VIRTUAL_MACHINE_POWER_OFF, resourceGroup, name);
  }

  @Override
  public VirtualMachine start(Caller caller, String resourceGroup, String name) {
    return powerAction(caller, ArmPaths.VIRTUAL_MACHINE_START, resourceGroup, name);
  }

  private VirtualMachine powerAction(
      Caller caller, PathTemplate action, String resourceGroup, String name) {
    if (!PathTemplate.isSafeSegment(resourceGroup) || !PathTemplate.isSafeSegment(name)) {
      throw AzureException.notFound("VM " + resourceGroup + "/" + name);
    }
    return ComputeJson.virtualMachine(
        client.post(caller, action.expand(resourceGroup, name), ArmJson.object()));
  }

  @Override
  public void deleteVirtualMachine(Caller caller, String resourceGroup, String name) {
    client.delete(caller, ArmPaths.VIRTUAL_MACHINE, resourceGroup, name);
  }

  @Override
  public Optional<AvailabilitySet> availabilitySet(String resourceGroup, String name) {
    return client
        .find(ArmPaths.AVAILABILITY_SET, resourceGroup, name)
        .map(ComputeJson::availabilitySet);
  }

  @Override
  public List<AvailabilitySet> availabilitySetsNamed(String region, String name) {
    return ArmJson.fromList(
        client.get(
            ArmPaths.AVAILABILITY_SETS.expand() + ArmPaths.query("location", region, "name", name)),
        ComputeJson::availabilitySet);
  }

  @Override
  public AvailabilitySet createAvailabilitySet(Caller caller, AvailabilitySet set) {
    return ComputeJson.availabilitySet(
        client.put(
            caller,
            ArmPaths.AVAILABILITY_SET.expand(set.resourceGroup(), set.name()),
            ComputeJson.availabilitySet(set)));
  }

  @Override
  public void deleteAvailabilitySet(Caller caller, String resourceGroup, String name) {
    client.delete(caller, ArmPaths.AVAILABILITY_SET, resourceGroup, name);
  }
}
