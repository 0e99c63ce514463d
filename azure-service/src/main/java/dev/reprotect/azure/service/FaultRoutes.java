package dev.reprotect.azure.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.arm.ArmJson;
import dev.reprotect.azure.arm.ArmPaths;
import dev.reprotect.azure.arm.ResourcesJson;
import dev.reprotect.azure.sim.FaultInjector.GuestAgentFault;
import dev.reprotect.azure.sim.LatencyModel;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * Our own, behind the same token: the fault settings, a region's outage switch, a VM's guest
 * agent's fault and the disk throughput, changed at runtime. These routes never fault themselves.
 */
final class FaultRoutes {
  private final AzureBackend backend;
  private final FaultPolicy faults;

  FaultRoutes(AzureBackend backend, FaultPolicy faults) {
    this.backend = backend;
    this.faults = faults;
  }

  void register(Javalin app) {
    app.get(ArmPaths.ADMIN_FAULTS.pattern(), ctx -> Requests.ok(ctx, faults.toJson()));
    app.put(
        ArmPaths.ADMIN_FAULTS.pattern(),
        ctx -> {
          faults.update(FaultPolicy.merge(faults.settings(), Requests.json(ctx)));
          Requests.ok(ctx, faults.toJson());
        });
    app.put(
        ArmPaths.ADMIN_REGION.pattern(),
        ctx -> {
          String name = Requests.name(ctx, "location");
          boolean available = ArmJson.requireBoolean(Requests.json(ctx), "available");
          backend.resources().setRegionAvailable(Requests.caller(ctx), name, available);
          Requests.ok(ctx, ResourcesJson.region(backend.resources().region(name).orElseThrow()));
        });
    app.put(
        ArmPaths.ADMIN_VM_AGENT_FAULT.pattern(),
        ctx -> {
          JsonNode fault = Requests.json(ctx).get("fault");
          GuestAgentFault chosen =
              fault == null || fault.isNull()
                  ? null
                  : ArmJson.requireEnum(Requests.json(ctx), "fault", GuestAgentFault.class);
          if (!faults.setGuestAgentFault(
              Requests.name(ctx, "resourceGroup"), Requests.name(ctx, "vm"), chosen)) {
            throw new AzureException(
                AzureErrorCode.InvalidParameter,
                "guest agent faults need the simulator's guest agents; this backend has none");
          }
          ObjectNode body = ArmJson.object();
          body.put("fault", chosen == null ? null : chosen.name());
          Requests.ok(ctx, body);
        });
    app.get(ArmPaths.ADMIN_DISK.pattern(), this::disk);
    app.put(
        ArmPaths.ADMIN_DISK.pattern(),
        ctx -> {
          JsonNode body = Requests.json(ctx);
          JsonNode value = body.get("megabytesPerSecond");
          if (value == null || !value.isNumber() || value.asDouble() <= 0) {
            throw ArmJson.invalid("megabytesPerSecond must be a positive number");
          }
          if (!faults.setDiskMegabytesPerSecond(value.asDouble())) {
            throw noModel();
          }
          disk(ctx);
        });
  }

  private void disk(Context ctx) {
    LatencyModel model = faults.latencyModel();
    if (model == null) {
      throw noModel();
    }
    ObjectNode body = ArmJson.object();
    body.put("megabytesPerSecond", model.diskMegabytesPerSecond());
    body.put("timeScale", model.timeScale());
    Requests.ok(ctx, body);
  }

  private static AzureException noModel() {
    return new AzureException(
        AzureErrorCode.InvalidParameter,
        "this service's backend has no latency model (it is not the simulator)");
  }
}
