package dev.reprotect.azure.service;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.NetworkMapping;
import dev.reprotect.azure.arm.ArmPaths;
import dev.reprotect.azure.arm.NetworkJson;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Optional;

/** Microsoft.Network's virtual networks and the vault's network mappings. */
final class NetworkRoutes {
  private final AzureBackend backend;

  NetworkRoutes(AzureBackend backend) {
    this.backend = backend;
  }

  void register(Javalin app) {
    app.get(
        ArmPaths.VIRTUAL_NETWORK.pattern(),
        Requests.getOne(
            "virtual network",
            "resourceGroup",
            "name",
            backend.network()::virtualNetwork,
            NetworkJson::virtualNetwork));
    app.put(
        ArmPaths.VIRTUAL_NETWORK.pattern(),
        ctx ->
            Requests.ok(
                ctx,
                NetworkJson.virtualNetwork(
                    backend
                        .network()
                        .createVirtualNetwork(
                            Requests.caller(ctx),
                            NetworkJson.virtualNetwork(
                                Requests.json(ctx),
                                Requests.name(ctx, "resourceGroup"),
                                Requests.name(ctx, "name"))))));
    app.delete(
        ArmPaths.VIRTUAL_NETWORK.pattern(),
        ctx -> {
          String group = Requests.name(ctx, "resourceGroup");
          String name = Requests.name(ctx, "name");
          boolean existed = backend.network().virtualNetwork(group, name).isPresent();
          backend.network().deleteVirtualNetwork(Requests.caller(ctx), group, name);
          ctx.status(existed ? 200 : 204);
        });
    app.get(
        ArmPaths.NETWORK_MAPPINGS.pattern(),
        ctx -> Requests.found(ctx, mapping(ctx), NetworkJson::networkMapping, "network mapping"));
    app.put(
        ArmPaths.NETWORK_MAPPINGS.pattern(),
        ctx ->
            Requests.ok(
                ctx,
                NetworkJson.networkMapping(
                    backend
                        .network()
                        .createNetworkMapping(
                            Requests.caller(ctx),
                            NetworkJson.networkMapping(Requests.json(ctx))))));
    app.delete(
        ArmPaths.NETWORK_MAPPINGS.pattern(),
        ctx -> {
          boolean existed = mapping(ctx).isPresent();
          backend
              .network()
              .deleteNetworkMapping(
                  Requests.caller(ctx),
                  Requests.query(ctx, "sourceRegion"),
                  Requests.query(ctx, "sourceNetworkId"),
                  Requests.query(ctx, "targetRegion"));
          ctx.status(existed ? 200 : 204);
        });
  }

  private Optional<NetworkMapping> mapping(Context ctx) {
    return backend
        .network()
        .networkMapping(
            Requests.query(ctx, "sourceRegion"),
            Requests.query(ctx, "sourceNetworkId"),
            Requests.query(ctx, "targetRegion"));
  }
}
