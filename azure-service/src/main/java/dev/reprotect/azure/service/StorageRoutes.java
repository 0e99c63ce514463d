package dev.reprotect.azure.service;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.arm.ArmJson;
import dev.reprotect.azure.arm.ArmPaths;
import dev.reprotect.azure.arm.StorageJson;
import io.javalin.Javalin;

/** Microsoft.Storage's accounts: by resource group as ARM has them, and by their unique name. */
final class StorageRoutes {
  private final AzureBackend backend;

  StorageRoutes(AzureBackend backend) {
    this.backend = backend;
  }

  void register(Javalin app) {
    app.get(
        ArmPaths.STORAGE_ACCOUNTS.pattern(),
        ctx ->
            Requests.ok(
                ctx,
                ArmJson.list(backend.storage().storageAccounts(), StorageJson::storageAccount)));
    app.get(
        ArmPaths.STORAGE_ACCOUNT_BY_NAME.pattern(),
        Requests.getOne(
            "storage account",
            "account",
            backend.storage()::storageAccount,
            StorageJson::storageAccount));
    app.get(
        ArmPaths.STORAGE_ACCOUNT.pattern(),
        Requests.getOne(
            "storage account",
            "resourceGroup",
            "name",
            (group, name) ->
                backend
                    .storage()
                    .storageAccount(name)
                    .filter(account -> account.resourceGroup().equalsIgnoreCase(group)),
            StorageJson::storageAccount));
    app.put(
        ArmPaths.STORAGE_ACCOUNT.pattern(),
        ctx ->
            Requests.ok(
                ctx,
                StorageJson.storageAccount(
                    backend
                        .storage()
                        .createStorageAccount(
                            Requests.caller(ctx),
                            StorageJson.storageAccount(
                                Requests.json(ctx),
                                Requests.name(ctx, "resourceGroup"),
                                Requests.name(ctx, "name"))))));
    app.delete(
        ArmPaths.STORAGE_ACCOUNT.pattern(),
        ctx -> {
          String name = Requests.name(ctx, "name");
          boolean existed =
              backend
                  .storage()
                  .storageAccount(name)
                  .filter(
                      account ->
                          account
                              .resourceGroup()
                              .equalsIgnoreCase(Requests.name(ctx, "resourceGroup")))
                  .isPresent();
          if (existed) {
            backend.storage().deleteStorageAccount(Requests.caller(ctx), name);
          }
          ctx.status(existed ? 200 : 204);
        });
    app.get(
        ArmPaths.PAGE_BLOB_SETTINGS.pattern(),
        ctx -> {
          var body = ArmJson.object();
          body.put("blockSize", backend.storage().blockSize());
          Requests.ok(ctx, body);
        });
  }
}
