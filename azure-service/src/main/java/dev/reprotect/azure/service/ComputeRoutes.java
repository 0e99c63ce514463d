package dev.reprotect.azure.service;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.arm.ArmJson;
import dev.reprotect.azure.arm.ArmPaths;
import dev.reprotect.azure.arm.ComputeJson;
import dev.reprotect.azure.arm.CutJson;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Microsoft.Compute: VMs, availability sets and cuts of a VM's disks. Power actions and deletes are long-running, as in
 * Azure: a VM that is not there is a 404 (a 204 for a delete) before anything is accepted.
 */
final class ComputeRoutes {
  private static final String NAMESPACE = "Microsoft.Compute";

  private final AzureBackend backend;
  private final OperationRoutes operations;

  ComputeRoutes(AzureBackend backend, OperationRoutes operations) {
    this.backend = backend;
    this.operations = operations;
  }

  void register(Javalin app) {
    app.get(ArmPaths.VIRTUAL_MACHINE.pattern(), Requests.getOne("VM", "resourceGroup", "name",
        backend.compute()::virtualMachine, ComputeJson::virtualMachine));
    app.put(ArmPaths.VIRTUAL_MACHINE.pattern(), ctx -> Requests.ok(ctx, ComputeJson.virtualMachine(
        backend.compute().createVirtualMachine(Requests.caller(ctx), ComputeJson.virtualMachine(
            Requests.json(ctx), Requests.name(ctx, "resourceGroup"), Requests.name(ctx, "name"))))));
    app.delete(ArmPaths.VIRTUAL_MACHINE.pattern(), this::delete);
    app.post(ArmPaths.VIRTUAL_MACHINE_POWER_OFF.pattern(), ctx -> power(ctx, true));
    app.post(ArmPaths.VIRTUAL_MACHINE_START.pattern(), ctx -> power(ctx, false));
    app.get(ArmPaths.VIRTUAL_MACHINES.pattern(), ctx -> Requests.ok(ctx, ArmJson.list(
        backend.compute().virtualMachinesNamed(Requests.query(ctx, "location"),
            Requests.query(ctx, "name")), ComputeJson::virtualMachine)));

    app.get(ArmPaths.CUTS.pattern(), ctx -> Requests.ok(ctx, ArmJson.list(backend.compute()
        .cuts(Requests.name(ctx, "resourceGroup"), Requests.name(ctx, "name")), CutJson::cut)));
    app.get(ArmPaths.CUT.pattern(), ctx -> {
      String group = Requests.name(ctx, "resourceGroup");
      String vm = Requests.name(ctx, "name");
      String cut = Requests.name(ctx, "cut");
      Requests.found(ctx, backend.compute().cut(group, vm, cut), CutJson::cut,
          "cut " + group + "/" + vm + "/" + cut);
    });
    // Synchronous: a cut is metadata only, taken under one lock, however large the disks.
    app.put(ArmPaths.CUT.pattern(), ctx -> {
      Requests.emptyOrJson(ctx);
      Requests.ok(ctx, CutJson.cut(backend.compute().createCut(Requests.caller(ctx),
          Requests.name(ctx, "resourceGroup"), Requests.name(ctx, "name"),
          Requests.name(ctx, "cut"))));
    });
    app.delete(ArmPaths.CUT.pattern(), ctx -> {
      String group = Requests.name(ctx, "resourceGroup");
      String vm = Requests.name(ctx, "name");
      String cut = Requests.name(ctx, "cut");
      boolean existed = backend.compute().cut(group, vm, cut).isPresent();
      backend.compute().deleteCut(Requests.caller(ctx), group, vm, cut);
      ctx.status(existed ? 200 : 204);
    });

    app.get(ArmPaths.AVAILABILITY_SET.pattern(), Requests.getOne("availability set",
        "resourceGroup", "name", backend.compute()::availabilitySet, ComputeJson::availabilitySet));
    app.put(ArmPaths.AVAILABILITY_SET.pattern(), ctx -> Requests.ok(ctx,
        ComputeJson.availabilitySet(backend.compute().createAvailabilitySet(Requests.caller(ctx),
            ComputeJson.availabilitySet(Requests.json(ctx), Requests.name(ctx, "resourceGroup"),
                Requests.name(ctx, "name"))))));
    app.get(ArmPaths.AVAILABILITY_SETS.pattern(), ctx -> Requests.ok(ctx, ArmJson.list(
        backend.compute().availabilitySetsNamed(Requests.query(ctx, "location"),
            Requests.query(ctx, "name")), ComputeJson::availabilitySet)));
  }

  private Optional<VirtualMachine> vm(Context ctx) {
    return backend.compute().virtualMachine(
        Requests.name(ctx, "resourceGroup"), Requests.name(ctx, "name"));
  }

  private void power(Context ctx, boolean off) {
    Requests.emptyOrJson(ctx);
    Caller caller = Requests.caller(ctx);
    VirtualMachine vm = vm(ctx).orElseThrow(() -> AzureException.notFound(
        "VM " + ctx.pathParam("resourceGroup") + "/" + ctx.pathParam("name")));
    operations.accept(ctx, NAMESPACE, vm.location(), () -> ComputeJson.virtualMachine(off
        ? backend.compute().powerOff(caller, vm.resourceGroup(), vm.name())
        : backend.compute().start(caller, vm.resourceGroup(), vm.name())));
  }

  private void delete(Context ctx) {
    Caller caller = Requests.caller(ctx);
    Optional<VirtualMachine> found = vm(ctx);
    if (found.isEmpty()) {
      ctx.status(204);
      return;
    }
    VirtualMachine vm = found.get();
    operations.accept(ctx, NAMESPACE, vm.location(), () -> {
      backend.compute().deleteVirtualMachine(caller, vm.resourceGroup(), vm.name());
      return null;
    });
  }
}
