package dev.reprotect.azure.http;

import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ChurnSpec;
import dev.reprotect.azure.ChurnStatus;
import dev.reprotect.azure.ContentHash;
import dev.reprotect.azure.GuestWorkloadApi;
import dev.reprotect.azure.WriteHold;
import dev.reprotect.azure.arm.ArmJson;
import dev.reprotect.azure.arm.ArmPaths;
import dev.reprotect.azure.arm.WorkloadJson;
import java.time.Duration;
import java.util.Optional;

/**
 * The guest workload through the service's admin routes (docs/azure-api.md): guest writes are not
 * control-plane requests, so they carry no correlation id. The agent's holds are the VM's own
 * routes, charged to their caller.
 */
final class HttpGuestWorkload implements GuestWorkloadApi {
  private final ArmHttpClient client;

  HttpGuestWorkload(ArmHttpClient client) {
    this.client = client;
  }

  @Override
  public void write(String resourceGroup, String vm, String slot, long block, byte[] data) {
    client.putBytes(
        null,
        ArmPaths.ADMIN_VM_BLOCK.expand(resourceGroup, vm, slot, Long.toString(block)),
        data,
        ContentHash.of(data));
  }

  @Override
  public void startChurn(String resourceGroup, String vm, ChurnSpec spec) {
    client.put(
        null, ArmPaths.ADMIN_VM_CHURN.expand(resourceGroup, vm), WorkloadJson.churnSpec(spec));
  }

  @Override
  public void stopChurn(String resourceGroup, String vm) {
    client.delete(null, ArmPaths.ADMIN_VM_CHURN.expand(resourceGroup, vm));
  }

  @Override
  public Optional<ChurnStatus> churn(String resourceGroup, String vm) {
    return client.find(ArmPaths.ADMIN_VM_CHURN, resourceGroup, vm).map(WorkloadJson::churnStatus);
  }

  @Override
  public WriteHold holdWrites(
      Caller caller,
      String resourceGroup,
      String vm,
      String holdId,
      Duration limit,
      boolean quiesce) {
    return WorkloadJson.writeHold(
        client.put(
            caller,
            ArmPaths.WRITE_HOLD.expand(resourceGroup, vm, holdId),
            WorkloadJson.holdRequest(limit, quiesce)));
  }

  @Override
  public WriteHold releaseWrites(Caller caller, String resourceGroup, String vm, String holdId) {
    return WorkloadJson.writeHold(
        client.post(
            caller,
            ArmPaths.WRITE_HOLD_RELEASE.expand(resourceGroup, vm, holdId),
            ArmJson.object()));
  }

  @Override
  public Optional<WriteHold> writeHold(String resourceGroup, String vm, String holdId) {
    return client.find(ArmPaths.WRITE_HOLD, resourceGroup, vm, holdId).map(WorkloadJson::writeHold);
  }
}
