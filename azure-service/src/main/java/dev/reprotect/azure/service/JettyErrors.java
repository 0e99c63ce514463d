package dev.reprotect.azure.service;

import dev.reprotect.azure.arm.ArmErrors;
import dev.reprotect.azure.arm.ArmJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Requests that Jetty refuses before Javalin sees them (a URI too long, a broken percent encoding,
 * headers too large) are answered with ARM's error body too, not an HTML page.
 */
final class JettyErrors extends ErrorHandler {
  private static final String JSON = "application/json";

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, JSON);
    return ByteBuffer.wrap(body(status, reason));
  }

  @Override
  protected void generateAcceptableResponse(
      Request baseRequest,
      HttpServletRequest request,
      HttpServletResponse response,
      int code,
      String message)
      throws IOException {
    baseRequest.setHandled(true);
    response.setContentType(JSON);
    response.getOutputStream().write(body(code, message));
  }

  private static byte[] body(int status, String reason) {
    String code =
        status == 414
            ? "RequestUriTooLong"
            : status == 431
                ? "RequestHeadersTooLarge"
                : status >= 500 ? "InternalServerError" : "BadRequest";
    return ArmJson.write(ArmErrors.body(code, reason == null ? "HTTP " + status : reason, null))
        .getBytes(StandardCharsets.UTF_8);
  }
}
