package dev.reprotect.azure.service;

import dev.reprotect.azure.arm.ArmErrors;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Every request carries {@code Authorization: Bearer <token>}, or it is a 401 that did nothing. */
final class BearerAuth {
  private static final String PREFIX = "Bearer ";

  private final byte[] expected;

  BearerAuth(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the service needs a token");
    }
    this.expected = (PREFIX + token).getBytes(StandardCharsets.UTF_8);
  }

  void check(Context ctx) {
    String header = ctx.header("Authorization");
    // Compared in constant time: the answer's timing tells nothing about the token.
    if (header == null
        || !MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
      ctx.header("WWW-Authenticate", "Bearer");
      ArmErrorResponses.write(
          ctx,
          401,
          ArmErrors.body(
              ArmErrors.AUTHENTICATION_FAILED, "the request needs a valid bearer token", null));
      ctx.skipRemainingHandlers();
    }
  }
}
