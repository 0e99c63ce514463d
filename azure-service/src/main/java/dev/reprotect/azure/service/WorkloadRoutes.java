package dev.reprotect.azure.service;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.ContentHash;
import dev.reprotect.azure.arm.ArmPaths;
import dev.reprotect.azure.arm.WorkloadJson;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * Our own, behind the same token: the guests of the VMs (a simulator feature, not an ARM API).
 * Churn is started, read and stopped; a guest write puts one block (waiting while the guest's agent
 * holds the VM's writes). Like the other admin routes, these never fault.
 */
final class WorkloadRoutes {
  private final AzureBackend backend;

  WorkloadRoutes(AzureBackend backend) {
    this.backend = backend;
  }

  void register(Javalin app) {
    app.get(
        ArmPaths.ADMIN_VM_CHURN.pattern(),
        ctx -> {
          String group = Requests.name(ctx, "resourceGroup");
          String vm = Requests.name(ctx, "vm");
          Requests.found(
              ctx,
              backend.workload().churn(group, vm),
              WorkloadJson::churnStatus,
              "churn of VM " + group + "/" + vm);
        });
    app.put(
        ArmPaths.ADMIN_VM_CHURN.pattern(),
        ctx -> {
          String group = Requests.name(ctx, "resourceGroup");
          String vm = Requests.name(ctx, "vm");
          backend.workload().startChurn(group, vm, WorkloadJson.churnSpec(Requests.json(ctx)));
          Requests.ok(
              ctx,
              WorkloadJson.churnStatus(
                  backend
                      .workload()
                      .churn(group, vm)
                      .orElseThrow(
                          () -> AzureException.notFound("churn of VM " + group + "/" + vm))));
        });
    app.delete(
        ArmPaths.ADMIN_VM_CHURN.pattern(),
        ctx -> {
          String group = Requests.name(ctx, "resourceGroup");
          String vm = Requests.name(ctx, "vm");
          boolean existed = backend.workload().churn(group, vm).isPresent();
          backend.workload().stopChurn(group, vm);
          ctx.status(existed ? 200 : 204);
        });
    app.put(ArmPaths.ADMIN_VM_BLOCK.pattern(), this::write);
  }

  private void write(Context ctx) {
    String group = Requests.name(ctx, "resourceGroup");
    String vm = Requests.name(ctx, "vm");
    String slot = Requests.name(ctx, "slot");
    long index = Requests.number("index", Requests.name(ctx, "index"));
    byte[] data = Requests.body(ctx, backend.storage().blockSize());
    ContentHash.check(data, Requests.contentMd5(ctx, data));
    backend.workload().write(group, vm, slot, index, data);
    ctx.status(201);
  }
}
