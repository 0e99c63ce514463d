package dev.reprotect.azure.service;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.arm.ArmJson;
import dev.reprotect.azure.arm.ArmPaths;
import dev.reprotect.azure.arm.ResourcesJson;
import io.javalin.Javalin;
import io.javalin.http.Context;

/** Microsoft.Resources: locations (and the outage switch) and resource groups. */
final class ResourceRoutes {
  private final AzureBackend backend;

  ResourceRoutes(AzureBackend backend) {
    this.backend = backend;
  }

  void register(Javalin app) {
    app.get(
        ArmPaths.LOCATIONS.pattern(),
        ctx ->
            Requests.ok(ctx, ArmJson.list(backend.resources().regions(), ResourcesJson::region)));
    app.get(
        ArmPaths.LOCATION.pattern(),
        Requests.getOne("region", "location", backend.resources()::region, ResourcesJson::region));
    app.post(ArmPaths.LOCATION_OUTAGE.pattern(), ctx -> setAvailable(ctx, false));
    app.post(ArmPaths.LOCATION_RECOVER.pattern(), ctx -> setAvailable(ctx, true));
    app.get(
        ArmPaths.RESOURCE_GROUP.pattern(),
        Requests.getOne(
            "resource group",
            "resourceGroup",
            backend.resources()::resourceGroup,
            ResourcesJson::resourceGroup));
    app.put(
        ArmPaths.RESOURCE_GROUP.pattern(),
        ctx ->
            Requests.ok(
                ctx,
                ResourcesJson.resourceGroup(
                    backend
                        .resources()
                        .createResourceGroup(
                            Requests.caller(ctx),
                            ResourcesJson.resourceGroup(
                                Requests.json(ctx), Requests.name(ctx, "resourceGroup"))))));
    app.delete(
        ArmPaths.RESOURCE_GROUP.pattern(),
        ctx -> {
          String name = Requests.name(ctx, "resourceGroup");
          boolean existed = backend.resources().resourceGroup(name).isPresent();
          backend.resources().deleteResourceGroup(Requests.caller(ctx), name);
          ctx.status(existed ? 200 : 204);
        });
  }

  private void setAvailable(Context ctx, boolean available) {
    Requests.emptyOrJson(ctx);
    String name = Requests.name(ctx, "location");
    backend.resources().setRegionAvailable(Requests.caller(ctx), name, available);
    Requests.ok(ctx, ResourcesJson.region(backend.resources().region(name).orElseThrow()));
  }
}
