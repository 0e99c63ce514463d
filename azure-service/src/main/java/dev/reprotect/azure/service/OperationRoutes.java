package dev.reprotect.azure.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.arm.ArmOperations;
import dev.reprotect.azure.arm.ArmPaths;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.function.Supplier;

/**
 * Long-running operations as ARM runs them: a 202 whose Azure-AsyncOperation URL reports the status
 * and whose Location URL answers the result once the operation ended.
 */
final class OperationRoutes {
  private final OperationRegistry registry;

  OperationRoutes(OperationRegistry registry) {
    this.registry = registry;
  }

  void register(Javalin app) {
    app.get(ArmPaths.OPERATION_STATUS.pattern(), ctx -> Requests.ok(ctx, operation(ctx).status()));
    app.get(ArmPaths.OPERATION_RESULT.pattern(), this::result);
  }

  /** Starts {@code work} and answers 202 with the URLs to follow it. */
  void accept(Context ctx, String namespace, String location, Supplier<JsonNode> work) {
    OperationRegistry.Operation operation = registry.start(namespace, location, work);
    String origin = ctx.scheme() + "://" + ctx.host();
    ctx.header(ArmOperations.ASYNC_OPERATION_HEADER, origin + operation.statusUrl());
    ctx.header(ArmOperations.LOCATION_HEADER, origin + operation.resultUrl());
    ctx.status(202);
  }

  private void result(Context ctx) {
    OperationRegistry.Operation operation = operation(ctx);
    operation
        .ended()
        .ifPresentOrElse(
            outcome -> {
              if (outcome.failure() != null) {
                ArmErrorResponses.write(ctx, outcome.failure());
              } else if (outcome.body() == null) {
                ctx.status(204);
              } else {
                Requests.ok(ctx, outcome.body());
              }
            },
            () -> {
              ctx.header(
                  ArmOperations.LOCATION_HEADER,
                  ctx.scheme() + "://" + ctx.host() + operation.resultUrl());
              ctx.status(202);
            });
  }

  private OperationRegistry.Operation operation(Context ctx) {
    String id = Requests.name(ctx, "operationId");
    return registry
        .find(Requests.name(ctx, "namespace"), Requests.name(ctx, "location"), id)
        .orElseThrow(() -> AzureException.notFound("operation " + id));
  }
}
