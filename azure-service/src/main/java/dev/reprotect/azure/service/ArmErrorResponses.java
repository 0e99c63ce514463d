package dev.reprotect.azure.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.arm.ArmErrors;
import dev.reprotect.azure.arm.ArmJson;
import dev.reprotect.azure.arm.ArmOperations;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every failure leaves the service as ARM's error body with the matching status. */
final class ArmErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ArmErrorResponses.class);

  /** Seconds a client is asked to wait before retrying a throttled or unavailable request. */
  static final int RETRY_AFTER_SECONDS = 1;

  private static final String WRITTEN = "arm-error-written";

  private ArmErrorResponses() {}

  static void register(Javalin app) {
    app.exception(AzureException.class, (e, ctx) -> write(ctx, e));
    app.exception(
        Requests.TooLarge.class,
        (e, ctx) ->
            write(ctx, 413, ArmErrors.body(ArmErrors.REQUEST_TOO_LARGE, e.getMessage(), null)));
    app.exception(
        HttpResponseException.class,
        (e, ctx) ->
            write(ctx, e.getStatus(), ArmErrors.body(codeOf(e.getStatus()), e.getMessage(), null)));
    // A record's own checks (a retention of 20 days, an active location outside the pair).
    app.exception(
        IllegalArgumentException.class,
        (e, ctx) ->
            write(
                ctx,
                400,
                ArmErrors.body(AzureErrorCode.InvalidParameter.name(), e.getMessage(), null)));
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
          write(
              ctx,
              500,
              ArmErrors.body(
                  AzureErrorCode.InternalServerError.name(),
                  "the service failed: " + e.getClass().getSimpleName(),
                  null));
        });
    // Javalin answers an unknown route with a bare 404: it becomes an ARM error too.
    app.error(
        404,
        ctx -> {
          if (ctx.attribute(WRITTEN) == null) {
            write(
                ctx,
                404,
                ArmErrors.body(
                    ArmErrors.NO_ROUTE, "no route " + ctx.method() + " " + ctx.path(), null));
          }
        });
  }

  static void write(Context ctx, AzureException e) {
    // The backend's own wait (ARM's request limits) comes before the service's default.
    e.retryAfter().ifPresent(wait -> FaultPolicy.askRetryAfter(ctx, wait));
    write(ctx, ArmErrors.status(e.code()), ArmErrors.body(e));
  }

  static void write(Context ctx, int status, ObjectNode body) {
    ctx.attribute(WRITTEN, true);
    if (status == 429 || status == 503) {
      Duration wait = FaultPolicy.retryAfterOf(ctx);
      if (wait == null) {
        ctx.header(ArmOperations.RETRY_AFTER_HEADER, Integer.toString(RETRY_AFTER_SECONDS));
      } else {
        // Whole seconds, rounded up, for clients that know only them; Azure's ms header exactly.
        long millis = wait.toMillis();
        ctx.header(ArmOperations.RETRY_AFTER_HEADER, Long.toString((millis + 999) / 1000));
        ctx.header(ArmOperations.RETRY_AFTER_MS_HEADER, Long.toString(millis));
      }
    }
    ctx.status(status).contentType("application/json").result(ArmJson.write(body));
  }

  private static String codeOf(int status) {
    return switch (status) {
      case 404 -> ArmErrors.NO_ROUTE;
      case 413 -> ArmErrors.REQUEST_TOO_LARGE;
      case 400 -> ArmErrors.INVALID_REQUEST_CONTENT;
      default -> status >= 500 ? AzureErrorCode.InternalServerError.name() : "BadRequest";
    };
  }
}
