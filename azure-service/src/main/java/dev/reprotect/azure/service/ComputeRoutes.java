package dev.reprotect.azure.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.arm.ArmJson;
import dev.reprotect.azure.arm.ArmPaths;
import dev.reprotect.azure.arm.ComputeJson;
import dev.reprotect.azure.arm.WorkloadJson;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Microsoft.Compute: VMs, availability sets, and the holds of a VM's writes by its guest agent
 * (reached through the VM, as its extensions are). Power actions and deletes are long-running, as
 * in Azure: a VM that is not there is a 404 (a 204 for a delete) before anything is accepted.
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
    app.get(
        ArmPaths.VIRTUAL_MACHINE.pattern(),
        Requests.getOne(
            "VM",
            "resourceGroup",
            "name",
            backend.compute()::virtualMachine,
            ComputeJson::virtualMachine));
    app.put(
        ArmPaths.VIRTUAL_MACHINE.pattern(),
        ctx ->
            Requests.ok(
                ctx,
                ComputeJson.virtualMachine(
                    backend
                        .compute()
                        .createVirtualMachine(
                            Requests.caller(ctx),
                            ComputeJson.virtualMachine(
                                Requests.json(ctx),
                                Requests.name(ctx, "resourceGroup"),
                                Requests.name(ctx, "name"))))));
    app.delete(ArmPaths.VIRTUAL_MACHINE.pattern(), this::delete);
    app.post(ArmPaths.VIRTUAL_MACHINE_POWER_OFF.pattern(), ctx -> power(ctx, true));
    app.post(ArmPaths.VIRTUAL_MACHINE_START.pattern(), ctx -> power(ctx, false));
    app.get(
        ArmPaths.VIRTUAL_MACHINES.pattern(),
        ctx ->
            Requests.ok(
                ctx,
                ArmJson.list(
                    backend
                        .compute()
                        .virtualMachinesNamed(
                            Requests.query(ctx, "location"), Requests.query(ctx, "name")),
                    ComputeJson::virtualMachine)));

    app.get(
        ArmPaths.WRITE_HOLD.pattern(),
        ctx -> {
          String group = Requests.name(ctx, "resourceGroup");
          String vm = Requests.name(ctx, "name");
          String hold = Requests.name(ctx, "hold");
          Requests.found(
              ctx,
              backend.workload().writeHold(group, vm, hold),
              WorkloadJson::writeHold,
              "hold " + group + "/" + vm + "/" + hold);
        });
    app.put(
        ArmPaths.WRITE_HOLD.pattern(),
        ctx -> {
          JsonNode body = Requests.json(ctx);
          Requests.ok(
              ctx,
              WorkloadJson.writeHold(
                  backend
                      .workload()
                      .holdWrites(
                          Requests.caller(ctx),
                          Requests.name(ctx, "resourceGroup"),
                          Requests.name(ctx, "name"),
                          Requests.name(ctx, "hold"),
                          WorkloadJson.holdLimit(body),
                          WorkloadJson.holdQuiesce(body))));
        });
    app.post(
        ArmPaths.WRITE_HOLD_RELEASE.pattern(),
        ctx -> {
          Requests.emptyOrJson(ctx);
          Requests.ok(
              ctx,
              WorkloadJson.writeHold(
                  backend
                      .workload()
                      .releaseWrites(
                          Requests.caller(ctx),
                          Requests.name(ctx, "resourceGroup"),
                          Requests.name(ctx, "name"),
                          Requests.name(ctx, "hold"))));
        });

    app.get(
        ArmPaths.AVAILABILITY_SET.pattern(),
        Requests.getOne(
            "availability set",
            "resourceGroup",
            "name",
            backend.compute()::availabilitySet,
            ComputeJson::availabilitySet));
    app.put(
        ArmPaths.AVAILABILITY_SET.pattern(),
        ctx ->
            Requests.ok(
                ctx,
                ComputeJson.availabilitySet(
                    backend
                        .compute()
                        .createAvailabilitySet(
                            Requests.caller(ctx),
                            ComputeJson.availabilitySet(
                                Requests.json(ctx),
                                Requests.name(ctx, "resourceGroup"),
                                Requests.name(ctx, "name"))))));
    app.delete(
        ArmPaths.AVAILABILITY_SET.pattern(),
        ctx -> {
          String group = Requests.name(ctx, "resourceGroup");
          String name = Requests.name(ctx, "name");
          boolean existed = backend.compute().availabilitySet(group, name).isPresent();
          backend.compute().deleteAvailabilitySet(Requests.caller(ctx), group, name);
          ctx.status(existed ? 200 : 204);
        });
    app.get(
        ArmPaths.AVAILABILITY_SETS.pattern(),
        ctx ->
            Requests.ok(
                ctx,
                ArmJson.list(
                    backend
                        .compute()
                        .availabilitySetsNamed(
                            Requests.query(ctx, "location"), Requests.query(ctx, "name")),
                    ComputeJson::availabilitySet)));
  }

  private Optional<VirtualMachine> vm(Context ctx) {
    return backend
        .compute()
        .virtualMachine(Requests.name(ctx, "resourceGroup"), Requests.name(ctx, "name"));
  }

  private void power(Context ctx, boolean off) {
    Requests.emptyOrJson(ctx);
    Caller caller = Requests.caller(ctx);
    VirtualMachine vm =
        vm(ctx)
            .orElseThrow(
                () ->
                    AzureException.notFound(
                        "VM " + ctx.pathParam("resourceGroup") + "/" + ctx.pathParam("name")));
    operations.accept(
        ctx,
        NAMESPACE,
        vm.location(),
        () ->
            ComputeJson.virtualMachine(
                off
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
    operations.accept(
        ctx,
        NAMESPACE,
        vm.location(),
        () -> {
          backend.compute().deleteVirtualMachine(caller, vm.resourceGroup(), vm.name());
          return null;
        });
  }
}
