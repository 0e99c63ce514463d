package dev.reprotect.azure.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.RecoveryServicesApi;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.arm.ArmJson;
import dev.reprotect.azure.arm.ArmPaths;
import dev.reprotect.azure.arm.PathTemplate;
import dev.reprotect.azure.arm.RecoveryServicesJson;
import io.javalin.Javalin;

/**
 * Microsoft.RecoveryServices: the vault (created in its resource group, found by its unique name),
 * its replicated items with the claim and release of their running operation, recovery plans and
 * recovery points.
 */
final class RecoveryServicesRoutes {
  private final AzureBackend backend;

  RecoveryServicesRoutes(AzureBackend backend) {
    this.backend = backend;
  }

  void register(Javalin app) {
    app.get(
        ArmPaths.VAULTS.pattern(),
        ctx ->
            Requests.ok(
                ctx,
                ArmJson.list(backend.recoveryServices().vaults(), RecoveryServicesJson::vault)));
    app.get(
        ArmPaths.VAULT_BY_NAME.pattern(),
        Requests.getOne(
            "vault", "vault", backend.recoveryServices()::vault, RecoveryServicesJson::vault));
    app.get(
        ArmPaths.VAULT.pattern(),
        Requests.getOne(
            "vault",
            "resourceGroup",
            "vault",
            (group, vault) ->
                backend
                    .recoveryServices()
                    .vault(vault)
                    .filter(found -> found.resourceGroup().equalsIgnoreCase(group)),
            RecoveryServicesJson::vault));
    app.put(
        ArmPaths.VAULT.pattern(),
        ctx ->
            Requests.ok(
                ctx,
                RecoveryServicesJson.vault(
                    backend
                        .recoveryServices()
                        .createVault(
                            Requests.caller(ctx),
                            RecoveryServicesJson.vault(
                                Requests.json(ctx),
                                Requests.name(ctx, "resourceGroup"),
                                Requests.name(ctx, "vault"))))));

    app.get(
        ArmPaths.REPLICATED_ITEMS.pattern(),
        ctx ->
            Requests.ok(
                ctx,
                ArmJson.list(
                    backend.recoveryServices().replicatedItems(Requests.name(ctx, "vault")),
                    RecoveryServicesJson::replicatedItem)));
    app.get(
        ArmPaths.REPLICATED_ITEM.pattern(),
        Requests.getOne(
            "replicated item",
            "vault",
            "item",
            backend.recoveryServices()::replicatedItem,
            RecoveryServicesJson::replicatedItem));
    app.put(
        ArmPaths.REPLICATED_ITEM.pattern(),
        ctx ->
            Requests.ok(
                ctx,
                RecoveryServicesJson.replicatedItem(
                    backend
                        .recoveryServices()
                        .putReplicatedItem(
                            Requests.caller(ctx),
                            RecoveryServicesJson.replicatedItem(
                                Requests.json(ctx),
                                Requests.name(ctx, "vault"),
                                Requests.name(ctx, "item"))))));
    app.delete(
        ArmPaths.REPLICATED_ITEM.pattern(),
        ctx -> {
          String vault = Requests.name(ctx, "vault");
          String item = Requests.name(ctx, "item");
          boolean existed = backend.recoveryServices().replicatedItem(vault, item).isPresent();
          backend
              .recoveryServices()
              .deleteReplicatedItem(
                  Requests.caller(ctx), vault, item, Requests.query(ctx, "operationId"));
          ctx.status(existed ? 200 : 204);
        });
    app.post(
        ArmPaths.CLAIM_OPERATION.pattern(),
        ctx -> {
          Caller caller = Requests.caller(ctx);
          JsonNode body = Requests.json(ctx);
          Requests.ok(
              ctx,
              RecoveryServicesJson.replicatedItem(
                  backend
                      .recoveryServices()
                      .claimOperation(
                          caller,
                          Requests.name(ctx, "vault"),
                          Requests.name(ctx, "item"),
                          RecoveryServicesJson.runningOperation(
                              ArmJson.requireObject(body, "operation")),
                          RecoveryServicesJson.expectedClaimState(body),
                          RecoveryServicesJson.newState(body))));
        });
    app.post(
        ArmPaths.RELEASE_OPERATION.pattern(),
        ctx -> {
          Caller caller = Requests.caller(ctx);
          JsonNode body = Requests.json(ctx);
          Requests.ok(
              ctx,
              RecoveryServicesJson.replicatedItem(
                  backend
                      .recoveryServices()
                      .releaseOperation(
                          caller,
                          Requests.name(ctx, "vault"),
                          Requests.name(ctx, "item"),
                          ArmJson.requireText(body, "operationId"),
                          ArmJson.optionalText(body, "runId"),
                          RecoveryServicesJson.newState(body))));
        });
    app.post(
        ArmPaths.RELEASE_STALE_OPERATION.pattern(),
        ctx -> {
          Caller caller = Requests.caller(ctx);
          JsonNode body = Requests.json(ctx);
          Requests.ok(
              ctx,
              RecoveryServicesJson.replicatedItem(
                  backend
                      .recoveryServices()
                      .releaseStaleOperation(
                          caller,
                          Requests.name(ctx, "vault"),
                          Requests.name(ctx, "item"),
                          RecoveryServicesJson.runningOperation(
                              ArmJson.requireObject(body, "operation")),
                          RecoveryServicesJson.newState(body))));
        });

    app.get(
        ArmPaths.RECOVERY_PLAN.pattern(),
        Requests.getOne(
            "recovery plan",
            "vault",
            "plan",
            backend.recoveryServices()::recoveryPlan,
            RecoveryServicesJson::recoveryPlan));
    app.put(
        ArmPaths.RECOVERY_PLAN.pattern(),
        ctx ->
            Requests.ok(
                ctx,
                RecoveryServicesJson.recoveryPlan(
                    backend
                        .recoveryServices()
                        .createRecoveryPlan(
                            Requests.caller(ctx),
                            RecoveryServicesJson.recoveryPlan(
                                Requests.json(ctx),
                                Requests.name(ctx, "vault"),
                                Requests.name(ctx, "plan"))))));

    app.get(
        ArmPaths.RECOVERY_POINTS.pattern(),
        ctx ->
            Requests.ok(
                ctx,
                ArmJson.list(
                    backend
                        .recoveryServices()
                        .recoveryPoints(Requests.name(ctx, "vault"), Requests.name(ctx, "item")),
                    RecoveryServicesJson::recoveryPoint)));
    app.put(
        ArmPaths.RECOVERY_POINT.pattern(),
        ctx -> {
          Caller caller = Requests.caller(ctx);
          JsonNode body = Requests.json(ctx);
          Requests.ok(
              ctx,
              RecoveryServicesJson.recoveryPoint(
                  backend
                      .recoveryServices()
                      .createRecoveryPoint(
                          caller,
                          Requests.name(ctx, "vault"),
                          Requests.name(ctx, "item"),
                          Requests.name(ctx, "point"),
                          RecoveryServicesJson.recoveryPointType(body),
                          RecoveryServicesJson.recoveryPointCut(body))));
        });
    itemAction(
        app,
        ArmPaths.RECORD_CREATED_RESOURCES,
        (api, caller, vault, item, body) ->
            api.recordCreatedResources(
                caller, vault, item, RecoveryServicesJson.createdResourceIds(body)));
    itemAction(
        app,
        ArmPaths.RECORD_SCRUB,
        (api, caller, vault, item, body) ->
            api.recordScrub(caller, vault, item, RecoveryServicesJson.scrub(body)));
    itemAction(
        app,
        ArmPaths.ADD_REPLICA_DISK,
        (api, caller, vault, item, body) ->
            api.addReplicaDisk(caller, vault, item, RecoveryServicesJson.replicaDisk(body)));
    app.post(
        ArmPaths.PIN_RECOVERY_POINT.pattern(),
        ctx -> {
          Caller caller = Requests.caller(ctx);
          JsonNode body = Requests.json(ctx);
          Requests.ok(
              ctx,
              RecoveryServicesJson.replicatedItem(
                  backend
                      .recoveryServices()
                      .pinRecoveryPoint(
                          caller,
                          Requests.name(ctx, "vault"),
                          Requests.name(ctx, "item"),
                          ArmJson.requireText(body, "operationId"),
                          ArmJson.requireText(body, "pointId"))));
        });
    app.post(
        ArmPaths.RECORD_REPLICA_CUTS.pattern(),
        ctx -> {
          Caller caller = Requests.caller(ctx);
          Requests.ok(
              ctx,
              RecoveryServicesJson.replicatedItem(
                  backend
                      .recoveryServices()
                      .recordReplicaCuts(
                          caller,
                          Requests.name(ctx, "vault"),
                          Requests.name(ctx, "item"),
                          RecoveryServicesJson.replicaCuts(Requests.json(ctx)))));
        });
    app.post(
        ArmPaths.PRUNE_RECOVERY_POINTS.pattern(),
        ctx -> {
          Caller caller = Requests.caller(ctx);
          JsonNode body = Requests.json(ctx);
          Requests.ok(
              ctx,
              RecoveryServicesJson.pruning(
                  backend
                      .recoveryServices()
                      .pruneRecoveryPoints(
                          caller,
                          Requests.name(ctx, "vault"),
                          Requests.name(ctx, "item"),
                          RecoveryServicesJson.prunedPointIds(body))));
        });
    app.delete(
        ArmPaths.RECOVERY_POINT.pattern(),
        ctx -> {
          String vault = Requests.name(ctx, "vault");
          String item = Requests.name(ctx, "item");
          String point = Requests.name(ctx, "point");
          boolean existed =
              backend.recoveryServices().recoveryPoints(vault, item).stream()
                  .anyMatch(found -> found.id().equals(point));
          backend.recoveryServices().deleteRecoveryPoint(Requests.caller(ctx), vault, item, point);
          ctx.status(existed ? 200 : 204);
        });
  }

  /** One of the item's actions: a POST whose body the action reads, answered with the item. */
  @FunctionalInterface
  private interface ItemAction {
    ReplicatedItem apply(
        RecoveryServicesApi api, Caller caller, String vault, String item, JsonNode body);
  }

  private void itemAction(Javalin app, PathTemplate path, ItemAction action) {
    app.post(
        path.pattern(),
        ctx ->
            Requests.ok(
                ctx,
                RecoveryServicesJson.replicatedItem(
                    action.apply(
                        backend.recoveryServices(),
                        Requests.caller(ctx),
                        Requests.name(ctx, "vault"),
                        Requests.name(ctx, "item"),
                        Requests.json(ctx)))));
  }
}
