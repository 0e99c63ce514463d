package dev.reprotect.azure.service;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.arm.ArmJson;
import dev.reprotect.azure.arm.ArmPaths;
import dev.reprotect.azure.arm.MeteringJson;
import io.javalin.Javalin;

/** Our own: the backend's metering and its exported state, behind the same token. */
final class AdminRoutes {
  private final AzureBackend backend;

  AdminRoutes(AzureBackend backend) {
    this.backend = backend;
  }

  void register(Javalin app) {
    app.get(
        ArmPaths.ADMIN_STATE.pattern(),
        ctx ->
            ctx.status(200).contentType("text/plain; charset=utf-8").result(backend.exportState()));
    app.get(
        ArmPaths.ADMIN_TRANSFERS.pattern(),
        ctx -> {
          String from = Requests.query(ctx, "fromRegion");
          String to = Requests.query(ctx, "toRegion");
          Requests.ok(
              ctx, MeteringJson.transfers(from, to, backend.metering().bytesTransferred(from, to)));
        });
    app.get(
        ArmPaths.ADMIN_CALLER_TRANSFERS.pattern(),
        ctx -> {
          String prefix = Requests.query(ctx, "correlationIdPrefix");
          Requests.ok(
              ctx,
              MeteringJson.callerTransfers(prefix, backend.metering().bytesTransferredBy(prefix)));
        });
    app.get(
        ArmPaths.ADMIN_CALLER_COSTS.pattern(),
        ctx -> {
          String prefix = Requests.query(ctx, "correlationIdPrefix");
          Requests.ok(ctx, MeteringJson.callerCosts(prefix, backend.metering().costsBy(prefix)));
        });
    app.get(
        ArmPaths.ADMIN_ACTIVITY_LOG.pattern(),
        ctx ->
            Requests.ok(
                ctx,
                ArmJson.list(backend.metering().activityLog(), MeteringJson::activityLogEntry)));
  }
}
